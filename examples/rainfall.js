// rainfall.js — a small chart from granted assets: the numbers come from a
// JSON file (fetch) and the cloud icon is a PNG image (new Image). Every
// byte is read by the host from the one directory granted with --assets,
// and parsed and decoded here, inside the jail.
//
//   seccanvas run --headless --assets examples/assets --out chart.png examples/rainfall.js
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;

// An image loads asynchronously; a promise says when it is ready.
function loadImage(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not load ' + src));
    img.src = src;
  });
}

Promise.all([
  fetch('data/rainfall.json').then((r) => r.json()),
  loadImage('img/cloud.png'),
]).then(([data, cloud]) => draw(data, cloud), (err) => console.error(err.message));

function draw(data, cloud) {
  // Background and heading: the icon, then the title.
  ctx.fillStyle = '#f4f7fb';
  ctx.fillRect(0, 0, W, H);
  const s = Math.min(W / 320, H / 240); // the layout is drawn for 320×240
  ctx.drawImage(cloud, 8 * s, 4 * s, 40 * s, 40 * s);
  ctx.fillStyle = '#1d2b3a';
  ctx.font = `bold ${Math.round(20 * s)}px sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(data.title, 54 * s, 24 * s);

  // The plot area and a scale rounded up to a multiple of 100.
  const left = 34 * s, right = W - 10 * s, top = 52 * s, bottom = H - 22 * s;
  const max = Math.ceil(Math.max(...data.values) / 100) * 100;
  const y = (v) => bottom - (v / max) * (bottom - top);
  ctx.font = `${Math.round(9 * s)}px sans-serif`;
  ctx.textAlign = 'right';
  ctx.strokeStyle = '#d5dde8';
  ctx.lineWidth = 1;
  for (let v = 0; v <= max; v += 100) {
    ctx.beginPath();
    ctx.moveTo(left, Math.round(y(v)) + 0.5);
    ctx.lineTo(right, Math.round(y(v)) + 0.5);
    ctx.stroke();
    ctx.fillStyle = '#5b6b7d';
    ctx.fillText(String(v), left - 4 * s, y(v));
  }

  // One bar a month, blue shading with the amount.
  const step = (right - left) / data.values.length;
  ctx.textAlign = 'center';
  data.values.forEach((v, i) => {
    const x = left + i * step + step * 0.15, w = step * 0.7;
    const g = ctx.createLinearGradient(0, y(v), 0, bottom);
    g.addColorStop(0, `hsl(212, 70%, ${70 - (v / max) * 35}%)`);
    g.addColorStop(1, 'hsl(212, 60%, 80%)');
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.roundRect(x, y(v), w, bottom - y(v), [3 * s, 3 * s, 0, 0]);
    ctx.fill();
    ctx.fillStyle = '#5b6b7d';
    ctx.fillText(data.months[i], x + w / 2, bottom + 9 * s);
  });
  ctx.textAlign = 'right';
  ctx.fillText(data.unit, right, top - 8 * s);

  const total = data.values.reduce((a, b) => a + b, 0);
  console.log(`${data.title}: ${total} ${data.unit} a year, wettest in ${data.months[data.values.indexOf(Math.max(...data.values))]}`);
}
