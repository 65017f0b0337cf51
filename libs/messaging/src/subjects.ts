import { SubjectInvalidError } from './errors.js';

const TOKEN = /^[^\s.*>]+$/;
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** A single subject token: no dots, wildcards or whitespace, so it cannot change the routing. */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}

export function assertSubject(subject: string): void {
  if (subject.length === 0 || !subject.split('.').every((t) => isSubjectToken(t))) {
    throw new SubjectInvalidError(`invalid subject ${JSON.stringify(subject)}`);
  }
}

/** Names of the `{param}` placeholders in a subject template, in order. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * Fills a template such as `hl.cmd.media.{node}.answer`. Each value must be one token, so a caller
 * cannot redirect a command with a value like `a.b` or `*`. An optional prefix (tests, isolated
 * environments) goes in front of the whole subject.
 */
export function renderSubject(
  template: string,
  params: Readonly<Record<string, string>> = {},
  prefix?: string,
): string {
  const filled = template.replace(PLACEHOLDER, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) throw new SubjectInvalidError(`subject ${template}: missing {${name}}`);
    if (!isSubjectToken(value)) {
      throw new SubjectInvalidError(
        `subject ${template}: {${name}} = ${JSON.stringify(value)} is not a token`,
      );
    }
    return value;
  });
  const subject = prefix === undefined || prefix === '' ? filled : `${prefix}.${filled}`;
  assertSubject(subject);
  return subject;
}
