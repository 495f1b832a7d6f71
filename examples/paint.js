// paint.js — a tiny paint program. Draw with the mouse (left button);
// keys change the brush:
//   1..7 or r g b y k w   pick a colour      [ ]  smaller / larger brush
//   c or Escape          clear the canvas
// Run it in a window: seccanvas run examples/paint.js
const ctx = canvas.getContext('2d');
const palette = {
  '1': '#000000', k: '#000000',
  '2': '#ff0000', r: '#ff0000',
  '3': '#00a000', g: '#00a000',
  '4': '#0000ff', b: '#0000ff',
  '5': '#ffd000', y: '#ffd000',
  '6': '#ff00ff',
  '7': '#ffffff', w: '#ffffff',
};
let colour = '#000000';
let size = 8;
let last = null; // where the current stroke is, or null

// The canvas starts white; a strip at the top shows the brush.
function clear() {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  status();
}

function status() {
  ctx.fillStyle = '#e0e0e0';
  ctx.fillRect(0, 0, canvas.width, 14);
  ctx.fillStyle = colour;
  ctx.fillRect(2, 2, 10, 10);
  ctx.fillStyle = '#404040';
  ctx.font = '10px sans-serif';
  ctx.fillText('size ' + size + '  1-7 colour  [ ] size  c clear', 18, 11);
}

// A dot where the button goes down, then round-capped segments while it
// moves with the button held.
function dot(x, y) {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, size / 2, 0, Math.PI * 2);
  ctx.fill();
}

canvas.addEventListener('mousedown', (e) => {
  if (e.button !== 0) return;
  last = { x: e.offsetX, y: e.offsetY };
  dot(last.x, last.y);
});

canvas.addEventListener('mousemove', (e) => {
  if (!last || !(e.buttons & 1)) { last = null; return; }
  ctx.strokeStyle = colour;
  ctx.lineWidth = size;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(last.x, last.y);
  ctx.lineTo(e.offsetX, e.offsetY);
  ctx.stroke();
  last = { x: e.offsetX, y: e.offsetY };
});

canvas.addEventListener('mouseup', () => { last = null; });

window.addEventListener('keydown', (e) => {
  if (palette[e.key]) {
    colour = palette[e.key];
    console.log('colour ' + colour);
  } else if (e.key === 'c' || e.key === 'Escape') {
    clear();
    console.log('cleared');
    return;
  } else if (e.key === '[') {
    size = Math.max(1, size - 2);
  } else if (e.key === ']') {
    size = Math.min(64, size + 2);
  } else {
    return;
  }
  status();
});

clear();
