// A p5.js 1.x sketch in global mode: setup() and draw() are plain global
// functions, as on the p5.js web editor. p5.js is not included: install it
// and give both scripts to seccanvas in order.
//
//   npm install --prefix /tmp/lib p5@1.11.13
//   seccanvas run /tmp/lib/node_modules/p5/lib/p5.min.js examples/libs/p5_global.js
//
// Click to move the target, type a key to show it. The sketch redraws only
// on input (noLoop), so every frame is the same until something happens.
let target = {x: 180, y: 60};
let lastKey = '—';
let clicks = 0;
let tile;

function setup() {
  createCanvas(240, 160);
  noLoop();
  // An image made pixel by pixel: a 4×4 checkerboard in two colours.
  tile = createImage(4, 4);
  tile.loadPixels();
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 4; x++) tile.set(x, y, (x + y) % 2 ? color(255, 200, 0) : color(40, 40, 120));
  }
  tile.updatePixels();
}

function draw() {
  background(235);
  // Shapes, filled and stroked.
  stroke(30);
  strokeWeight(2);
  fill(220, 60, 60);
  rect(10, 10, 60, 40);
  fill(60, 160, 90);
  ellipse(110, 30, 50, 40);
  fill(60, 90, 200);
  triangle(140, 50, 160, 10, 180, 50);
  noFill();
  strokeWeight(4);
  arc(40, 100, 50, 50, 0, PI + HALF_PI);
  strokeWeight(1);
  line(80, 80, 140, 130);
  fill(250, 180, 60, 180);
  beginShape();
  vertex(150, 80);
  vertex(200, 90);
  vertex(190, 140);
  vertex(160, 120);
  endShape(CLOSE);
  // The image, scaled up without smoothing.
  noSmooth();
  image(tile, 200, 100, 32, 32);
  smooth();
  // The target follows clicks.
  noStroke();
  fill(0, 0, 0, 90);
  circle(target.x, target.y, 14);
  // Text.
  fill(20);
  textSize(14);
  textAlign(LEFT, BASELINE);
  text('clicks: ' + clicks + '  key: ' + lastKey, 10, 152);
}

function mousePressed() {
  target = {x: mouseX, y: mouseY};
  clicks++;
  redraw();
}

function keyPressed() {
  lastKey = key;
  redraw();
}
