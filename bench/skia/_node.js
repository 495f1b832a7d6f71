// node side: node _node.js WORKLOAD.js FRAMES WIDTH HEIGHT, with
// @napi-rs/canvas resolvable (NODE_PATH). It runs the same prelude and
// workload source as seccanvas, WARMUP frames first, then times FRAMES
// frames in a loop and prints "BENCH ms-per-frame".
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { createCanvas } = require('@napi-rs/canvas');

const [file, framesArg, wArg, hArg] = process.argv.slice(2);
const FRAMES = +framesArg, W = +wArg, H = +hArg, WARMUP = 3;
const canvas = createCanvas(W, H);
const ctx = canvas.getContext('2d');
const sandbox = { W, H, canvas, makeCanvas: (w, h) => createCanvas(w, h), Math, console };
vm.createContext(sandbox);
const src = fs.readFileSync(path.join(__dirname, '_prelude.js'), 'utf8') + '\n' + fs.readFileSync(file, 'utf8') +
  '\n;({ setup, frame });';
const { setup, frame } = vm.runInContext(src, sandbox, { filename: file });
setup(ctx);
let t0 = 0;
for (let i = 0; i < WARMUP + FRAMES; i++) {
  if (i === WARMUP) t0 = performance.now();
  frame(ctx, i);
  ctx.getImageData(0, 0, 1, 1);
}
console.log('BENCH ' + ((performance.now() - t0) / FRAMES).toFixed(4));
