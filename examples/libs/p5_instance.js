// A p5.js 1.x sketch in instance mode: the sketch is a function given a p5
// instance, so nothing but `p5` itself is global (see p5_global.js for how
// to run it). It draws once, then again on input (noLoop): moving the mouse
// tilts the bars, and the up and down arrow keys change their number.
new p5((p) => {
  let bars = 6;
  let tilt = 0;

  p.setup = () => {
    p.createCanvas(200, 120);
    p.noLoop();
  };

  p.draw = () => {
    p.background(20, 24, 40);
    p.noStroke();
    const w = p.width / bars;
    for (let i = 0; i < bars; i++) {
      const h = 20 + ((i * 37 + p.frameCount * 11) % 70) + tilt * i;
      p.fill(p.lerpColor(p.color(80, 200, 255), p.color(255, 90, 160), i / (bars - 1)));
      p.rect(i * w + 2, p.height - h, w - 4, h, 4);
    }
    p.fill(255);
    p.textSize(12);
    p.textAlign(p.RIGHT, p.TOP);
    p.text('frame ' + p.frameCount + ', ' + bars + ' bars', p.width - 6, 6);
  };

  p.mouseMoved = () => {
    tilt = p.constrain((p.mouseX - p.width / 2) / 20, -3, 3);
    p.redraw();
  };

  p.keyPressed = () => {
    if (p.keyCode === p.UP_ARROW) bars = Math.min(bars + 1, 12);
    if (p.keyCode === p.DOWN_ARROW) bars = Math.max(bars - 1, 2);
    p.redraw();
  };
});
