// clock.js — an analog clock showing the current time from new Date(). It is
// drawn with paths and transforms (translate, rotate, save, restore): tick
// marks around the face and hour, minute and second hands. Redrawn every frame.
//
// Run: seccanvas run --headless --size 640x480 --frames 60 --out clock.png examples/clock.js
const ctx = canvas.getContext('2d');

function drawClock() {
  const W = canvas.width, H = canvas.height;
  const R = Math.min(W, H) * 0.42; // face radius

  ctx.fillStyle = '#2b2b33';
  ctx.fillRect(0, 0, W, H);

  ctx.save();
  ctx.translate(W / 2, H / 2); // origin at the centre of the face
  ctx.rotate(-Math.PI / 2);    // angle 0 points to 12 o'clock
  ctx.lineCap = 'round';

  // The face.
  ctx.beginPath();
  ctx.arc(0, 0, R, 0, Math.PI * 2);
  ctx.fillStyle = '#fdfaf0';
  ctx.fill();
  ctx.lineWidth = R * 0.05;
  ctx.strokeStyle = '#335';
  ctx.stroke();

  // 60 tick marks: long and thick at the hours, short and thin at the minutes.
  ctx.strokeStyle = '#222';
  for (let i = 0; i < 60; i++) {
    const hour = i % 5 === 0;
    ctx.save();
    ctx.rotate(i * Math.PI / 30);
    ctx.lineWidth = hour ? R * 0.035 : R * 0.012;
    ctx.beginPath();
    ctx.moveTo(R * (hour ? 0.78 : 0.86), 0);
    ctx.lineTo(R * 0.92, 0);
    ctx.stroke();
    ctx.restore();
  }

  const now = new Date();
  const s = now.getSeconds() + now.getMilliseconds() / 1000;
  const m = now.getMinutes() + s / 60;
  const h = (now.getHours() % 12) + m / 60;

  // One hand: rotate to its angle, draw a line from slightly behind the centre.
  function hand(angle, length, width, color) {
    ctx.save();
    ctx.rotate(angle);
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(-R * 0.12, 0);
    ctx.lineTo(length, 0);
    ctx.stroke();
    ctx.restore();
  }
  hand(h * Math.PI / 6, R * 0.5, R * 0.07, '#222');
  hand(m * Math.PI / 30, R * 0.75, R * 0.045, '#222');
  hand(s * Math.PI / 30, R * 0.85, R * 0.015, '#d22');

  // The hub over the hands.
  ctx.beginPath();
  ctx.arc(0, 0, R * 0.04, 0, Math.PI * 2);
  ctx.fillStyle = '#d22';
  ctx.fill();

  ctx.restore();
  requestAnimationFrame(drawClock);
}

drawClock();
