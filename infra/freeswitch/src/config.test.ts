/**
 * Mechanical checks of the production FreeSWITCH configuration, since FreeSWITCH itself cannot run here:
 * every file is strictly well-formed XML, the preprocessor (emulated line by line as FreeSWITCH does it)
 * assembles a well-formed document with no undefined variable, and the assembled document says what the
 * media bridge and DESIGN §8 need. The entrypoint is run with `sh` and a fake `freeswitch` on PATH.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { TENANT_ID_PATTERN } from '@hotline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENT_CONTEXT,
  CHANNEL_VARIABLES,
  CONF_TEMPLATE_DIR,
  ENTRYPOINT,
  ESL_LISTEN,
  PUBLIC_CONTEXT,
  REQUIRED_MODULES,
  SIP_PROFILE,
} from './index.js';
import { preprocess, type PreprocessResult } from './test-support/preprocess.js';
import { childrenNamed, findAll, params, parseXml, type XmlElement } from './test-support/xml.js';

const FS_SIM_SRC = new URL('../../fs-sim/src/sim/', import.meta.url);
const PASSWORD = 'Zk3v-9QmT_rW2xY8pL5n';
const DOMAIN = 'agents.hotline.example';

/** What FreeSWITCH's core sets before it reads freeswitch.xml (switch_core.c), with example values. */
const CORE_VARIABLES = {
  hostname: 'fs1',
  local_ip_v4: '10.0.0.5',
  local_mask_v4: '255.255.255.0',
  local_ip_v6: '::1',
  base_dir: '/usr',
  sounds_dir: '/usr/share/freeswitch/sounds',
  recordings_dir: '/var/lib/freeswitch/recordings',
  core_uuid: '00000000-0000-0000-0000-000000000000',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  /** The arguments the fake freeswitch received, or undefined if it never ran. */
  readonly freeswitchArgs: string[] | undefined;
  readonly confDir: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'hotline-fs-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let runCount = 0;
/** Runs entrypoint.sh with `sh`, a fake `freeswitch` first on PATH, and only the given variables. */
function runEntrypoint(env: Record<string, string>, args: string[] = []): Run {
  const dir = join(scratch, `run-${++runCount}`);
  const bin = join(dir, 'bin');
  const marker = join(dir, 'freeswitch-args');
  spawnSync('mkdir', ['-p', bin]);
  const fake = join(bin, 'freeswitch');
  // The fake records one argument per line, so the test sees exactly what exec passed.
  writeFileSync(fake, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${marker}'\n`);
  chmodSync(fake, 0o755);
  const confDir = join(dir, 'conf');
  const result = spawnSync('sh', [ENTRYPOINT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      FS_CONF_DIR: confDir,
      FS_LOG_DIR: join(dir, 'log'),
      FS_DB_DIR: join(dir, 'db'),
      FS_RUN_DIR: join(dir, 'run'),
      FS_USER: 'hotline-no-such-user',
      ...env,
    },
  });
  const freeswitchArgs = existsSync(marker)
    ? readFileSync(marker, 'utf8').split('\n').slice(0, -1)
    : undefined;
  return { status: result.status, stderr: result.stderr, freeswitchArgs, confDir };
}

function writeScratch(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const a1 = (ext: string): string => createHash('md5').update(`${ext}:${DOMAIN}:secret-${ext}`).digest('hex');
const DID_MAP = writeScratch('dids.txt', '# did tenant\n+18005550100 acme\n\n442071234567   globex\n');
const AGENTS = writeScratch('agents.txt', `1001 ${a1('1001')} Ada Lovelace\n1002 ${a1('1002')}\n`);
const FULL_ENV = {
  ESL_PASSWORD: PASSWORD,
  HOTLINE_SIP_DOMAIN: DOMAIN,
  HOTLINE_EXTERNAL_IP: '203.0.113.10',
  HOTLINE_CARRIER_CIDRS: '198.51.100.0/24, 192.0.2.7/32',
  HOTLINE_DID_MAP: DID_MAP,
  HOTLINE_AGENTS: AGENTS,
};

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { encoding: 'utf8' }).error === undefined;
}

describe('configuration files', () => {
  const files = walk(CONF_TEMPLATE_DIR);

  it('are all strictly well-formed XML (the agent template too)', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(() => parseXml(readFileSync(file, 'utf8')), relative(CONF_TEMPLATE_DIR, file)).not.toThrow();
    }
  });

  it('keep preprocessor instructions, <include> and <?xml alone on their lines', () => {
    for (const file of files) {
      const name = relative(CONF_TEMPLATE_DIR, file);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const where = `${name}:${i + 1}`;
          // FreeSWITCH runs (or silently drops) any line mentioning the instruction, comments included.
          if (/x-pre-process/i.test(line))
            expect(line, where).toMatch(/^\s*<X-PRE-PROCESS cmd="(set|include)" data="[^"]+"\/>\s*$/);
          if (/<\/?include>/.test(line)) expect(line, where).toMatch(/^\s*<\/?include>\s*$/);
          if (line.includes('<?')) expect([where, line]).toEqual([`${name}:1`, '<?xml version="1.0"?>']);
          // $${…} in a comment would be expanded too; only real uses are allowed.
          if (line.includes('$${')) expect(line, where).not.toMatch(/<!--.*\$\$\{|^\s*[^<\s].*\$\$\{/);
        });
    }
  });

  it('never contain the stock event socket password', () => {
    for (const file of [...files, ENTRYPOINT]) {
      const text = readFileSync(file, 'utf8').replace(/must not be the FreeSWITCH default/g, '');
      expect(/cluecon/i.test(text.replace(/\[ "\$lower" != cluecon \]/, '')), file).toBe(false);
    }
  });

  it('reference the ESL password as a preprocessor variable, on loopback with a loopback ACL', () => {
    const es = parseXml(
      readFileSync(join(CONF_TEMPLATE_DIR, 'autoload_configs/event_socket.conf.xml'), 'utf8'),
    );
    expect(es.attributes.name).toBe('event_socket.conf');
    const settings = params(childrenNamed(es, 'settings')[0]);
    expect(settings.get('listen-ip')).toBe(ESL_LISTEN.host);
    expect(settings.get('password')).toBe('$${hotline_esl_password}');
    expect(settings.get('apply-inbound-acl')).toBe('loopback.auto');
    expect(settings.get('nat-map')).toBe('false');
  });

  it('load each required module exactly once, and nothing else', () => {
    const mods = parseXml(readFileSync(join(CONF_TEMPLATE_DIR, 'autoload_configs/modules.conf.xml'), 'utf8'));
    const loaded = findAll(mods, 'load').map((l) => l.attributes.module ?? '');
    expect([...loaded].sort()).toEqual([...REQUIRED_MODULES].sort());
    expect(new Set(loaded).size).toBe(loaded.length);
    // G.711 lives in the core (CORE_PCM_MODULE); a mod_g711 line would fail to load on 1.10.
    expect(loaded).not.toContain('mod_g711');
    expect(loaded.indexOf('mod_logfile')).toBeLessThan(loaded.indexOf('mod_sofia'));
  });

  it('give every module that reads a configuration its file', () => {
    const names = files
      .filter((f) => f.includes('autoload_configs'))
      .map((f) => parseXml(readFileSync(f, 'utf8')));
    const configured = new Set(names.map((c) => c.attributes.name));
    for (const conf of [
      'modules.conf',
      'event_socket.conf',
      'sofia.conf',
      'acl.conf',
      'local_stream.conf',
      'logfile.conf',
      'console.conf',
      'switch.conf',
      'opus.conf',
    ])
      expect(configured, conf).toContain(conf);
  });
});

describe('the document FreeSWITCH assembles after entrypoint.sh rendered it', () => {
  let run: Run;
  let pre: PreprocessResult;
  let doc: XmlElement;

  beforeAll(() => {
    run = runEntrypoint(FULL_ENV);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    pre = preprocess(join(run.confDir, 'freeswitch.xml'), { ...CORE_VARIABLES, conf_dir: run.confDir });
    doc = parseXml(pre.text);
  });

  const section = (name: string): XmlElement => {
    const found = childrenNamed(doc, 'section').find((s) => s.attributes.name === name);
    expect(found, name).toBeDefined();
    return found!;
  };
  const configuration = (name: string): XmlElement => {
    const found = childrenNamed(section('configuration'), 'configuration').find(
      (c) => c.attributes.name === name,
    );
    expect(found, name).toBeDefined();
    return found!;
  };
  const context = (name: string): XmlElement => {
    const found = findAll(section('dialplan'), 'context').find((c) => c.attributes.name === name);
    expect(found, name).toBeDefined();
    return found!;
  };

  it('preprocesses without errors or undefined variables and parses strictly', () => {
    expect(pre.errors).toEqual([]);
    expect(pre.undefinedVariables).toEqual([]);
    expect(doc.name).toBe('document');
    expect(doc.attributes.type).toBe('freeswitch/xml');
    expect(childrenNamed(doc, 'section').map((s) => s.attributes.name)).toEqual([
      'configuration',
      'dialplan',
      'directory',
    ]);
    // The agent template is a source for the renderer, not part of the directory by itself.
    expect(pre.files.some((f) => f.endsWith('.template'))).toBe(false);
  });

  // CI installs xmllint and shellcheck (.ci/run), so there these checks always run; elsewhere a
  // missing tool shows as a skipped test, never as a silent pass.
  it.skipIf(!hasTool('xmllint') && process.env.CI !== 'true')(
    'is also accepted by libxml2 (xmllint, an independent parser)',
    () => {
      const assembled = join(scratch, 'assembled.xml');
      writeFileSync(assembled, pre.text);
      const files = [...walk(run.confDir).filter((f) => f.endsWith('.xml')), assembled];
      const lint = spawnSync('xmllint', ['--noout', ...files], { encoding: 'utf8' });
      expect(lint.error).toBeUndefined();
      expect(lint.stderr).toBe('');
      expect(lint.status).toBe(0);
    },
  );

  it('has no module configuration twice', () => {
    const names = childrenNamed(section('configuration'), 'configuration').map((c) => c.attributes.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts the ESL on 127.0.0.1:8021 with the password from ESL_PASSWORD', () => {
    const settings = params(childrenNamed(configuration('event_socket.conf'), 'settings')[0]);
    expect(settings.get('listen-ip')).toBe('127.0.0.1');
    expect(settings.get('listen-port')).toBe(String(ESL_LISTEN.port));
    expect(settings.get('password')).toBe(PASSWORD);
  });

  it('defines one SIP profile named like the simulator’s channels, routing carriers to public', () => {
    const profiles = findAll(configuration('sofia.conf'), 'profile');
    expect(profiles.map((p) => p.attributes.name)).toEqual([SIP_PROFILE]);
    const settings = params(childrenNamed(profiles[0]!, 'settings')[0]);
    const names = childrenNamed(childrenNamed(profiles[0]!, 'settings')[0]!, 'param').map(
      (p) => p.attributes.name,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(settings.get('context')).toBe(PUBLIC_CONTEXT);
    expect(settings.get('dialplan')).toBe('XML');
    expect(settings.get('auth-calls')).toBe('true');
    expect(settings.get('accept-blind-reg')).toBe('false');
    expect(settings.get('accept-blind-auth')).toBe('false');
    expect(settings.get('sip-ip')).toBe(CORE_VARIABLES.local_ip_v4);
    expect(settings.get('ext-sip-ip')).toBe('203.0.113.10');
    expect(settings.get('ext-rtp-ip')).toBe('203.0.113.10');
    expect(settings.get('force-register-domain')).toBe(DOMAIN);
    // The carriers' ACL named by the profile exists and holds exactly HOTLINE_CARRIER_CIDRS.
    const acl = findAll(configuration('acl.conf'), 'list').find(
      (l) => l.attributes.name === settings.get('apply-inbound-acl'),
    );
    expect(acl?.attributes.default).toBe('deny');
    expect(childrenNamed(acl!, 'node').map((n) => [n.attributes.type, n.attributes.cidr])).toEqual([
      ['allow', '198.51.100.0/24'],
      ['allow', '192.0.2.7/32'],
    ]);
    // The simulator names inbound legs sofia/internal/… in context public.
    const sim = readFileSync(new URL('inbound-call.ts', FS_SIM_SRC), 'utf8');
    expect(sim).toContain(`sofia/${SIP_PROFILE}/`);
    expect(sim).toContain(`context: '${PUBLIC_CONTEXT}'`);
  });

  it('parks inbound calls with the tenant and dialled number, running only the simulator’s applications', () => {
    const extensions = childrenNamed(context(PUBLIC_CONTEXT), 'extension');
    const first = extensions[0]!;
    const last = extensions[extensions.length - 1]!;
    const dids = extensions.slice(1, -1);
    const actions = (ext: XmlElement, tag = 'action'): [string, string][] =>
      findAll(ext, tag).map((a) => [a.attributes.application ?? '', a.attributes.data ?? '']);

    // 1. Same applications, same data as infra/fs-sim/src/sim/dialplan.ts, before anything else.
    expect(first.attributes.continue).toBe('true');
    expect(childrenNamed(first, 'condition')[0]!.attributes).toEqual({});
    expect(actions(first)).toEqual([
      ['set', 'outside_call=true'],
      ['export', 'RFC2822_DATE=${strftime(%a, %d %b %Y %T %z)}'],
    ]);
    const simDialplan = readFileSync(new URL('dialplan.ts', FS_SIM_SRC), 'utf8');
    // The media bridge reads the tenant from the parked leg under this exact name.
    const tracker = new URL('../../../services/media-bridge/src/calls/call-tracker.ts', import.meta.url);
    if (existsSync(tracker)) expect(readFileSync(tracker, 'utf8')).toContain(`'${CHANNEL_VARIABLES.tenant}'`);
    expect(simDialplan).toContain("'set', 'outside_call=true'");
    expect(simDialplan).toContain("'export', `RFC2822_DATE=");
    expect(simDialplan).toContain("'strftime', '%a, %d %b %Y %T %z'");
    expect(simDialplan).toContain("execute(sim, ch, 'park')");

    // 2. One extension per DID: sets the tenant and the canonical number inline (so the final
    //    condition sees them during the hunt) and continues.
    expect(dids.map((d) => d.attributes.name)).toEqual([
      'hotline_did_18005550100',
      'hotline_did_442071234567',
    ]);
    for (const [ext, digits, tenant, dialled] of [
      [dids[0]!, '18005550100', 'acme', '+18005550100'],
      [dids[1]!, '442071234567', 'globex', '442071234567'],
    ] as const) {
      expect(ext.attributes.continue).toBe('true');
      const cond = childrenNamed(ext, 'condition')[0]!;
      expect(cond.attributes).toEqual({ field: 'destination_number', expression: `^\\+?${digits}$` });
      const re = new RegExp(cond.attributes.expression!);
      expect(re.test(digits) && re.test(`+${digits}`) && !re.test(`${digits}1`)).toBe(true);
      expect(childrenNamed(cond, 'action').map((a) => a.attributes)).toEqual([
        { application: 'set', data: `${CHANNEL_VARIABLES.tenant}=${tenant}`, inline: 'true' },
        { application: 'set', data: `${CHANNEL_VARIABLES.dialledNumber}=${dialled}`, inline: 'true' },
      ]);
    }

    // 3. Park when the tenant is known (same pattern as the contracts' TENANT_ID_PATTERN), else 404.
    expect(last.attributes.continue).toBeUndefined();
    const park = childrenNamed(last, 'condition')[0]!;
    expect(park.attributes).toEqual({
      field: `\${${CHANNEL_VARIABLES.tenant}}`,
      expression: TENANT_ID_PATTERN,
    });
    expect(actions(last)).toEqual([['park', '']]);
    expect(actions(last, 'anti-action')).toEqual([['hangup', 'UNALLOCATED_NUMBER']]);

    // Nothing else runs in public: the bridge drives the call from the park.
    const apps = new Set(findAll(context(PUBLIC_CONTEXT), 'action').map((a) => a.attributes.application));
    expect([...apps].sort()).toEqual(['export', 'park', 'set']);
    // hangup_after_bridge / park_after_bridge stay unset: the bridge chooses per call (see public.xml).
    const data = findAll(context(PUBLIC_CONTEXT), 'action').map((a) => a.attributes.data ?? '');
    expect(data.filter((d) => /after_bridge/.test(d))).toEqual([]);
  });

  it('routes agents’ calls and transfers to agent extensions in the default context', () => {
    const [ext, ...others] = childrenNamed(context(AGENT_CONTEXT), 'extension');
    expect(others).toEqual([]);
    const cond = childrenNamed(ext!, 'condition')[0]!;
    expect(cond.attributes.field).toBe(`\${user_exists(id \${destination_number} ${DOMAIN})}`);
    expect(childrenNamed(cond, 'action').map((a) => [a.attributes.application, a.attributes.data])).toEqual([
      ['set', 'hangup_after_bridge=true'],
      ['bridge', `user/\${destination_number}@${DOMAIN}`],
    ]);
  });

  it('makes every agent a directory user reachable as user/<ext>@domain', () => {
    const domains = findAll(section('directory'), 'domain');
    expect(domains.map((d) => d.attributes.name)).toEqual([DOMAIN]);
    const domain = domains[0]!;
    const dial = params(childrenNamed(domain, 'params')[0]).get('dial-string');
    // mod_sofia's sofia_contact() gives the registered contact or error/user_not_registered.
    expect(dial).toContain('${sofia_contact(*/${dialed_user}@${dialed_domain})}');
    expect(params(childrenNamed(domain, 'variables')[0], 'variable').get('user_context')).toBe(AGENT_CONTEXT);

    // switch_xml_locate_user: <domain name>/groups/group/users/user[@id]; "user/EXT@DOMAIN" resolves through it.
    const locate = (ext: string): XmlElement | undefined =>
      findAll(domain, 'user').find((u) => u.attributes.id === ext);
    const users = findAll(domain, 'user');
    expect(users.map((u) => u.attributes.id)).toEqual(['1001', '1002']);
    for (const ext of ['1001', '1002']) {
      const user = locate(ext)!;
      expect(params(childrenNamed(user, 'params')[0]).get('a1-hash')).toBe(a1(ext));
      const vars = params(childrenNamed(user, 'variables')[0], 'variable');
      expect(vars.get('effective_caller_id_number')).toBe(ext);
      expect(vars.get(CHANNEL_VARIABLES.agentExtension)).toBe(ext);
    }
    expect(
      params(childrenNamed(locate('1001')!, 'variables')[0], 'variable').get('effective_caller_id_name'),
    ).toBe('Ada Lovelace');
    expect(locate('1003')).toBeUndefined();
    expect(findAll(domain, 'param').map((p) => p.attributes.name)).not.toContain('password');
  });

  it('offers the music-on-hold streams the simulator knows', () => {
    const dirs = childrenNamed(configuration('local_stream.conf'), 'directory');
    expect(dirs.map((d) => d.attributes.name)).toEqual(['moh', 'default']);
    for (const d of dirs) expect(d.attributes.path).toBe(`${CORE_VARIABLES.sounds_dir}/music/8000`);
    expect(readFileSync(new URL('media-catalog.ts', FS_SIM_SRC), 'utf8')).toContain("['moh', 'default']");
  });

  it('keeps the rendered secrets private and starts FreeSWITCH in the foreground without a console', () => {
    expect(statSync(join(run.confDir, 'generated/vars.xml')).mode & 0o077).toBe(0);
    expect(run.freeswitchArgs).toEqual([
      '-nc',
      '-nonat',
      '-nf',
      '-conf',
      run.confDir,
      '-log',
      join(run.confDir, '../log'),
      '-db',
      join(run.confDir, '../db'),
      '-run',
      join(run.confDir, '../run'),
    ]);
  });
});

describe('entrypoint.sh', () => {
  it('is valid POSIX sh', () => {
    expect(spawnSync('sh', ['-n', ENTRYPOINT]).status).toBe(0);
  });

  it.skipIf(!hasTool('shellcheck') && process.env.CI !== 'true')('passes shellcheck', () => {
    const shellcheck = spawnSync('shellcheck', ['-s', 'sh', ENTRYPOINT], { encoding: 'utf8' });
    expect(shellcheck.error).toBeUndefined();
    expect(shellcheck.stdout).toBe('');
  });

  it('validates tenant ids with the contracts’ TENANT_ID_PATTERN', () => {
    expect(readFileSync(ENTRYPOINT, 'utf8')).toContain(`TENANT_RE='${TENANT_ID_PATTERN}'`);
  });

  it.each([
    ['no ESL_PASSWORD', { ESL_PASSWORD: '' }, /ESL_PASSWORD is required/],
    ['the stock password', { ESL_PASSWORD: 'ClueCon' }, /must not be the FreeSWITCH default/],
    ['the stock password in another case', { ESL_PASSWORD: 'CLUECON' }, /must not be the FreeSWITCH default/],
    ['a short password', { ESL_PASSWORD: 'short-pw' }, /16-128 characters/],
    ['a password that would break the XML', { ESL_PASSWORD: 'abcdefghijklmnop"/><x' }, /16-128 characters/],
    ['a multi-line password', { ESL_PASSWORD: 'abcdefghijklmnop\nqrstuvwxyz' }, /16-128 characters/],
    ['no SIP domain', { HOTLINE_SIP_DOMAIN: '' }, /HOTLINE_SIP_DOMAIN is required/],
    ['a bad external IP', { HOTLINE_EXTERNAL_IP: '300.1.1.1' }, /HOTLINE_EXTERNAL_IP/],
    ['a bad carrier CIDR', { HOTLINE_CARRIER_CIDRS: '10.0.0.0/33' }, /not an IPv4 CIDR/],
    ['a bad port', { HOTLINE_SIP_PORT: '70000' }, /HOTLINE_SIP_PORT must be a port/],
    ['an inverted RTP range', { HOTLINE_RTP_START_PORT: '40000', HOTLINE_RTP_END_PORT: '30000' }, /below/],
    ['a missing DID map', { HOTLINE_DID_MAP: '/nonexistent/dids' }, /not a readable file/],
    [
      'an upper-case tenant',
      { HOTLINE_DID_MAP: writeScratch('bad-tenant', '+15550001 Acme\n') },
      /line 1: 'Acme' is not a tenant id/,
    ],
    [
      'a DID mapped twice',
      { HOTLINE_DID_MAP: writeScratch('dup', '+15550001 a\n15550001 b\n') },
      /line 2: 15550001 is mapped twice/,
    ],
    [
      'a DID line with three fields',
      { HOTLINE_DID_MAP: writeScratch('three', '+15550001 a b\n') },
      /line 1: expected/,
    ],
    ['a bad a1-hash', { HOTLINE_AGENTS: writeScratch('bad-a1', '1001 nothex\n') }, /a1-hash must be 32/],
    [
      'an agent listed twice',
      { HOTLINE_AGENTS: writeScratch('dup-agent', `1001 ${a1('1001')}\n1001 ${a1('1001')}\n`) },
      /listed twice/,
    ],
    [
      'a display name that would break the XML',
      { HOTLINE_AGENTS: writeScratch('bad-name', `1001 ${a1('1001')} A <b>\n`) },
      /display name/,
    ],
  ])('refuses to start with %s', (_what, override, message) => {
    const run = runEntrypoint({ ...FULL_ENV, ...override });
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(run.freeswitchArgs).toBeUndefined();
    expect(existsSync(run.confDir)).toBe(false);
  });

  it('renders only with "render", and warns when no carrier, DID or agent is configured', () => {
    const run = runEntrypoint({ ESL_PASSWORD: PASSWORD, HOTLINE_SIP_DOMAIN: DOMAIN }, ['render']);
    expect(run.status).toBe(0);
    expect(run.freeswitchArgs).toBeUndefined();
    expect(run.stderr).toMatch(/HOTLINE_CARRIER_CIDRS is empty/);
    expect(run.stderr).toMatch(/HOTLINE_DID_MAP is not set/);
    const pre = preprocess(join(run.confDir, 'freeswitch.xml'), { ...CORE_VARIABLES, conf_dir: run.confDir });
    expect(pre.errors).toEqual([]);
    expect(pre.undefinedVariables).toEqual([]);
    const doc = parseXml(pre.text);
    // Without a DID map nothing is parked: the public context only labels and rejects.
    const pub = findAll(doc, 'context').find((c) => c.attributes.name === PUBLIC_CONTEXT)!;
    expect(childrenNamed(pub, 'extension').map((e) => e.attributes.name)).toEqual([
      'hotline_outside_call',
      'hotline_park',
    ]);
    expect(findAll(doc, 'user')).toEqual([]);
  });

  it('passes extra arguments through and offers a console on request', () => {
    const run = runEntrypoint({ ...FULL_ENV, FS_CONSOLE: '1' }, ['-rp']);
    expect(run.status).toBe(0);
    expect(run.freeswitchArgs?.slice(0, 2)).toEqual(['-nonat', '-nf']);
    expect(run.freeswitchArgs).not.toContain('-nc');
    expect(run.freeswitchArgs?.at(-1)).toBe('-rp');
  });

  it('re-renders over an existing tree (reloadxml) without leaving temporary directories', () => {
    const first = runEntrypoint(FULL_ENV, ['render']);
    const again = spawnSync('sh', [ENTRYPOINT, 'render'], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', FS_CONF_DIR: first.confDir, ...FULL_ENV, ESL_PASSWORD: `${PASSWORD}-2` },
    });
    expect(again.status).toBe(0);
    expect(readFileSync(join(first.confDir, 'generated/vars.xml'), 'utf8')).toContain(`${PASSWORD}-2`);
    expect(readdirSync(join(first.confDir, '..')).filter((n) => n.includes('.new.'))).toEqual([]);
  });
});
