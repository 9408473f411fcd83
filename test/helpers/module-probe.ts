// Start of a script run in a fresh Node process (`node --input-type=module -e`) that records every module it
// resolves: a resolve hook, on Node's loader thread, posts each resolved URL back into the array `loaded`.
// Tests append what to load and print `loaded` (or more) as JSON.
export const RECORD_LOADED_MODULES = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
port1.unref();
const hooks = 'let port; export async function initialize(d) { port = d.port; }' +
  ' export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
`;
