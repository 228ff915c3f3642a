// Drives `quarry serve` through RunPod's official JS SDK (npm runpod-sdk, installed in test/tools), the way a
// RunPod user's code calls it: only the base URL differs. Usage:
//   node runpod-sdk-client.mjs <tools dir> <baseUrl> <apiKey> <endpointId> <scenario> <json arg>
// The last line on stdout is the scenario's JSON result (the SDK itself logs lines of its own before it).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [toolsDir, baseUrl, apiKey, endpointId, scenario, rawArg] = process.argv.slice(2);
const arg = JSON.parse(rawArg ?? "{}");
const entry = createRequire(toolsDir + "/").resolve("runpod-sdk");
const runpodSdk = (await import(pathToFileURL(entry).href)).default;
const endpoint = runpodSdk(apiKey, { baseUrl }).endpoint(endpointId);
const terminal = ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function untilDone(id) {
  for (let i = 0; i < 600; i++) {
    const s = await endpoint.status(id);
    if (terminal.includes(s.status)) return s;
    await sleep(100);
  }
  throw new Error(`job ${id} did not finish`);
}

const scenarios = {
  health: async () => endpoint.health(),
  runStatus: async () => {
    const queued = await endpoint.run(arg.request);
    return { queued, final: await untilDone(queued.id) };
  },
  runSync: async () => endpoint.runSync(arg.request, arg.timeout),
  cancel: async () => {
    const queued = await endpoint.run(arg.request);
    const cancelled = await endpoint.cancel(queued.id);
    return { cancelled, status: await endpoint.status(queued.id) };
  },
  purgeQueue: async () => {
    const running = await endpoint.run(arg.request);
    while ((await endpoint.status(running.id)).status === "IN_QUEUE") await sleep(20);
    const waiting = [await endpoint.run(arg.request), await endpoint.run(arg.request)];
    const purged = await endpoint.purgeQueue();
    const statuses = [];
    for (const w of waiting) statuses.push((await endpoint.status(w.id)).status);
    return { purged, statuses, running: await untilDone(running.id) };
  },
  stream: async () => {
    const queued = await endpoint.run(arg.request);
    const chunks = [];
    for await (const chunk of endpoint.stream(queued.id)) chunks.push(chunk);
    return { chunks, final: await endpoint.status(queued.id) };
  },
};

const result = await scenarios[scenario]();
process.stdout.write("\n" + JSON.stringify(result) + "\n");
