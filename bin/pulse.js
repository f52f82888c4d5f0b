#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import("../dist/bots/cli/main.js").then((cli) => cli.main(process.argv));
