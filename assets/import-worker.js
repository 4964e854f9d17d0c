// The import's worker (src/import_worker.rs): a module worker that runs the app's own program to
// read and clean one imported file at a time, so that the page never freezes on a large file.
// The page sends, once, { glue, module }: the URL of the program's wasm-bindgen module and its
// compiled WebAssembly.Module; then { name, bytes, id } for each file. The worker answers each file
// with { ok: Uint8Array } (the outcome as bytes, which the page reads back), { starting: true,
// error } when the program could not be loaded (the page then imports on its own thread), or
// { error } when the import stopped on the file.
let program = null;

self.onmessage = async ({ data }) => {
  if (data.glue) {
    program = import(data.glue).then(async (glue) => {
      await glue.default({ module_or_path: data.module });
      return glue;
    });
    return;
  }
  let glue;
  try {
    glue = await program;
  } catch (e) {
    self.postMessage({ starting: true, error: String(e) });
    return;
  }
  try {
    const ok = glue.prepare_in_worker(data.name, data.bytes, data.id);
    self.postMessage({ ok }, [ok.buffer]);
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
