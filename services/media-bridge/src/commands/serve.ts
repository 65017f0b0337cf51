/** Serves every media command of one node on `hl.cmd.media.{node}.{verb}`. */
import { serveCommand, type CommandServer, type Logger } from '@hotline/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { answer } from './answer.js';
import { breakMedia } from './break.js';
import { bridge } from './bridge.js';
import { collect } from './collect.js';
import type { MediaNode } from './context.js';
import { eavesdrop } from './eavesdrop.js';
import { hangup } from './hangup.js';
import { hold } from './hold.js';
import { play } from './play.js';
import { recordStart, recordStop } from './record.js';
import { resume } from './resume.js';
import { speak } from './speak.js';
import * as specs from './specs.js';
import { transfer } from './transfer.js';

export interface ServeMediaOptions {
  readonly subjectPrefix?: string;
  readonly logger?: Logger;
}

export function serveMediaCommands(
  nc: NatsConnection,
  node: MediaNode,
  options: ServeMediaOptions = {},
): CommandServer[] {
  // One queue group per node: several bridge instances for one node would share its commands.
  const opts = { ...options, queue: `media-${node.name}`, params: { node: node.name } };
  return [
    serveCommand(nc, specs.Answer, (r) => answer(node, r), opts),
    serveCommand(nc, specs.Play, (r) => play(node, r), opts),
    serveCommand(nc, specs.Speak, (r) => speak(node, r), opts),
    serveCommand(nc, specs.Collect, (r) => collect(node, r), opts),
    serveCommand(nc, specs.Bridge, (r) => bridge(node, r), opts),
    serveCommand(nc, specs.Hold, (r) => hold(node, r), opts),
    serveCommand(nc, specs.Resume, (r) => resume(node, r), opts),
    serveCommand(nc, specs.Break, (r) => breakMedia(node, r), opts),
    serveCommand(nc, specs.RecordStart, (r) => recordStart(node, r), opts),
    serveCommand(nc, specs.RecordStop, (r) => recordStop(node, r), opts),
    serveCommand(nc, specs.Transfer, (r) => transfer(node, r), opts),
    serveCommand(nc, specs.Hangup, (r) => hangup(node, r), opts),
    serveCommand(nc, specs.Eavesdrop, (r) => eavesdrop(node, r), opts),
  ];
}
