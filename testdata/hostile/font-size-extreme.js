// Font sizes from nothing to the largest double, and font strings that are
// long or malformed; fillText, strokeText and measureText with each.
// expect: exit=0 stdout="fonts done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
const fonts = ["1000000000px sans-serif", "1e308px serif", "1e400px serif", "0px serif", "-5px serif", "0.0000001px serif",
  "99999999999999999999999999px monospace", "bold 1e9px " + "x".repeat(100000), "x".repeat(1 << 20),
  "italic small-caps 900 1e9pt/1e9 serif", "1e9em serif", "\0px\0", "NaNpx serif", "Infinitypx serif"];
for (const f of fonts) {
  ctx.font = f;
  ctx.fillText("Hello, world", 5, 30);
  ctx.strokeText("W", 5, 30, 1e-300);
  ctx.fillText("x".repeat(10000), 0, 30, 64);
  ctx.measureText("Wide text");
  ctx.letterSpacing = "1e9px";
  ctx.fillText("ab", 0, 10);
  ctx.letterSpacing = "0px";
}
console.log("fonts done", ctx.font.length < 200);
