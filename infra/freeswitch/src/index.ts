/**
 * Hotline's production FreeSWITCH configuration. The package ships the configuration tree (`conf/`) and
 * its entrypoint; this module names them and the contract between that configuration and the media
 * bridge, so the bridge (and the simulator) can import the names instead of repeating them.
 */
import { fileURLToPath } from 'node:url';

/** The read-only configuration template; entrypoint.sh renders a copy of it with generated/ filled in. */
export const CONF_TEMPLATE_DIR = fileURLToPath(new URL('../conf', import.meta.url));

/** The POSIX sh entrypoint: validates the environment, renders the configuration, execs FreeSWITCH. */
export const ENTRYPOINT = fileURLToPath(new URL('../entrypoint.sh', import.meta.url));

/** Channel variables the public dialplan sets on every inbound call it parks (the bridge reads them). */
export const CHANNEL_VARIABLES = {
  /** Tenant owning the dialled number (from the DID map); matches TENANT_ID_PATTERN. */
  tenant: 'hotline_tenant',
  /** The dialled number as written in the DID map (canonical form, e.g. +18005550100). */
  dialledNumber: 'hotline_dialled_number',
  /** On agent legs: the agent's extension (a directory user variable). */
  agentExtension: 'hotline_agent_extension',
} as const;

/** SIP profile name: channel names are `sofia/internal/…`, as in the simulator. */
export const SIP_PROFILE = 'internal';
/** Dialplan context of carrier calls (parked for the bridge). */
export const PUBLIC_CONTEXT = 'public';
/** Dialplan context of agents' calls and of blind transfers to agent extensions. */
export const AGENT_CONTEXT = 'default';
/** The event socket listens here only (loopback); the password comes from ESL_PASSWORD. */
export const ESL_LISTEN = { host: '127.0.0.1', port: 8021 } as const;

/** Modules loaded by autoload_configs/modules.conf.xml, each exactly once. */
export const REQUIRED_MODULES = [
  'mod_console',
  'mod_logfile',
  'mod_event_socket',
  'mod_sofia',
  'mod_commands',
  'mod_dptools',
  'mod_dialplan_xml',
  'mod_opus',
  'mod_sndfile',
  'mod_native_file',
  'mod_tone_stream',
  'mod_local_stream',
  'mod_flite',
] as const;
