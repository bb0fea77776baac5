// Runs a Python script under CPython compiled to WebAssembly (Pyodide), as `python3 SCRIPT ARGS...` would:
//
//   node run.mjs 3.14|3.15 SCRIPT [ARG...]
//
// The host's / is mounted at /host inside Python, and every absolute path argument (and SCRIPT) is rewritten
// to its /host twin, so the script reads the host's files. Its stdout and stderr are the process's; the exit
// status is the script's (1 on an uncaught exception). No network: the packages hold the whole interpreter.
import { createRequire } from "node:module";
import { readFileSync, writeSync } from "node:fs";
import path from "node:path";

const packages = { "3.14": "pyodide-314", "3.15": "pyodide-315" };
const [version, script, ...args] = process.argv.slice(2);
if (!packages[version] || !script) {
    console.error("usage: node run.mjs 3.14|3.15 SCRIPT [ARG...]");
    process.exit(2);
}
const require = createRequire(import.meta.url);
const { loadPyodide } = require(packages[version]);
const host = (p) => (path.isAbsolute(p) ? "/host" + p : p);

const py = await loadPyodide();
// byte-exact, unbuffered: a script's output need not end with a line break
const writer = (fd) => ({
    write(bytes) {
        for (let done = 0; done < bytes.length;) {
            try {
                done += writeSync(fd, bytes, done);
            } catch (e) {
                if (e.code !== "EAGAIN") throw e; // a full pipe: the reader will drain it
            }
        }
        return bytes.length;
    },
});
py.setStdout(writer(1));
py.setStderr(writer(2));
py.FS.mkdir("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "/" }, "/host");
const argv = [host(path.resolve(script)), ...args.map((a) => (a.startsWith("/") ? host(a) : a))];
py.globals.set("_memlens_argv", py.toPy(argv));
py.globals.set("_memlens_source", readFileSync(script, "utf8"));
const status = py.runPython(`
import sys
sys.argv = list(_memlens_argv)
_status = 0
try:
    exec(compile(_memlens_source, sys.argv[0], "exec"), {"__name__": "__main__", "__file__": sys.argv[0]})
except SystemExit as e:
    _status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
except BaseException:
    import traceback
    traceback.print_exc()
    _status = 1
sys.stdout.flush()
_status
`);
process.exitCode = status;
