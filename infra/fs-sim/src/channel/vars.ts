/**
 * Channel variables in insertion order. Setting deletes and re-appends (switch_channel_set_variable);
 * push turns a variable into a multi-value header (switch_channel_add_variable_var_check, STACK_PUSH),
 * which JSON renders as an array and plain as "ARRAY::a|:b".
 */
export type VarValue = string | readonly string[];

export class ChannelVars {
  private readonly map = new Map<string, VarValue>();

  get(name: string): string | undefined {
    const v = this.map.get(name);
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : 'ARRAY::' + v.join('|:');
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** Empty or undefined unsets, as switch_channel_set_variable(channel, name, NULL) does. */
  set(name: string, value: string | undefined): void {
    this.map.delete(name);
    if (value !== undefined && value !== '') this.map.set(name, value);
  }

  push(name: string, value: string): void {
    const existing = this.map.get(name);
    if (existing === undefined) {
      this.map.set(name, value);
      return;
    }
    this.map.set(name, [...(typeof existing === 'string' ? [existing] : existing), value]);
  }

  entries(): [string, VarValue][] {
    return [...this.map.entries()];
  }
}
