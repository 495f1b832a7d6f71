// game.js — catch the falling stars. Move the basket with the arrow keys
// (or A/D); Space pauses, Enter restarts after a game over.
// Run it in a window: seccanvas run examples/game.js
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;
const keys = new Set();
let player, stars, score, lives, paused, over, last;

function reset() {
  player = { x: W / 2, y: H - 24, w: 60, h: 12, speed: 0.35 }; // px per ms
  stars = [];
  score = 0;
  lives = 3;
  paused = false;
  over = false;
  last = null;
}

window.addEventListener('keydown', (e) => {
  keys.add(e.code);
  if (e.code === 'Space') paused = !paused;
  if (e.key === 'Enter' && over) reset();
});
window.addEventListener('keyup', (e) => keys.delete(e.code));
window.addEventListener('blur', () => keys.clear());

function spawn() {
  stars.push({ x: 10 + Math.random() * (W - 20), y: -10, vy: 0.05 + Math.random() * 0.1, r: 6 + Math.random() * 6 });
}

function update(dt) {
  const left = keys.has('ArrowLeft') || keys.has('KeyA');
  const right = keys.has('ArrowRight') || keys.has('KeyD');
  if (left) player.x -= player.speed * dt;
  if (right) player.x += player.speed * dt;
  player.x = Math.max(player.w / 2, Math.min(W - player.w / 2, player.x));
  if (Math.random() < dt / 600) spawn();
  for (const s of stars) s.y += s.vy * dt;
  stars = stars.filter((s) => {
    const caught = s.y + s.r >= player.y && s.y - s.r <= player.y + player.h &&
      Math.abs(s.x - player.x) <= player.w / 2 + s.r;
    if (caught) { score++; return false; }
    if (s.y - s.r > H) { lives--; return false; }
    return true;
  });
  if (lives <= 0) over = true;
}

function draw() {
  ctx.fillStyle = '#101828';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#ffd84a';
  for (const s of stars) {
    ctx.beginPath();
    ctx.arc(s.x, s.y, s.r, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#4ad0ff';
  ctx.fillRect(player.x - player.w / 2, player.y, player.w, player.h);
  ctx.fillStyle = '#ffffff';
  ctx.font = '14px sans-serif';
  ctx.fillText('score ' + score + '   lives ' + lives, 8, 18);
  if (paused || over) {
    ctx.textAlign = 'center';
    ctx.fillText(over ? 'game over — Enter to restart' : 'paused', W / 2, H / 2);
    ctx.textAlign = 'start';
  }
}

function frame(t) {
  const dt = last === null ? 0 : Math.min(50, t - last);
  last = t;
  if (!paused && !over) update(dt);
  draw();
  requestAnimationFrame(frame);
}

reset();
spawn();
draw(); // the first frame, before any tick
requestAnimationFrame(frame);
