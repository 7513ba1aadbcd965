// Preloaded into fixture programs: every fetch goes to the mock server at PIM_MOCK_URL, keeping
// the path and query, so the programs send nothing over the network and need no token.
const target = process.env.PIM_MOCK_URL;
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  return original(`${target}${url.pathname}${url.search}`, init);
};
