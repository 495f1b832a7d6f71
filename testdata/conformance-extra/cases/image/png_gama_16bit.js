// size: 100x100
// checks: a 16-bit RGBA PNG with a gAMA chunk of 0.7: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
// frames: 3
const ctx = canvas.getContext('2d');
const img = new Image();
img.onload = () => {
  ctx.fillStyle = '#888';
  ctx.fillRect(0, 0, 100, 40);
  ctx.drawImage(img, 2, 2);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 24, 2, img.naturalWidth * 4, img.naturalHeight * 4);
  ctx.fillStyle = 'black';
  ctx.fillRect(2, 88, img.naturalWidth * 4, 4);
  ctx.fillRect(2, 94, img.naturalHeight * 4, 4);
};
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQEAYAAABPYyMiAAAABGdBTUEAARFwiTtYVgAABGlJREFUeNqN0jGo3DYAxvGMGgpZAk9D4cbTULjxBCncaA0Fj9ZQ8GgNAQ8drMHg0R4MHk+D4cZTieHGp8LBG58KBxmjwkGGDFGhkDEqFK75bi+pFo3/n8T3grwh5Pb10JaQL19uNzYS8vnz7cZnQj59ut3EQsiHD7ebPBPy/v3tpi6EvHt3u+krIc/Pt9vwFyFPTx8/mn8IeXx8fv71O0JOp7dvf/uekONxmn7/gZDD4Zdf/viRkP2+KP78iZBpev36758J6fvV6gV5QynCtKUUYTZSijCfKUVYLJQiLM+UIqwulCKsr5Q+PQFA6eMjAJSeTgBQejwCQOnhAACl+z0AlE4TAJT2PQCUdt0dwBjCtGUMYTYyhjCfGUNYLIwhLM+MIawujCGsr4w9PgLA2OkEAGPHIwCMHQ4AMLbfA8DYNAHAWN8DwFjXAcBY09wBnCNMW84RZiPnCPOZc4TFwjnC8sw5wurCOcL6yvnpBADnxyMAnB8OAHC+3wPA+TQBwHnfA8B51wHAedMAwHld3wFCIExbIRBmoxAI81kIhMUiBMLyLATC6iIEwvoqxPEIgBCHAwBC7PcACDFNAAjR9wAI0XUACNE0AAhR1wAIUVV3gJQI01ZKhNkoJcJ8lhJhsUiJ8Cv96uv5rxsAKacJACn7HgApuw4AKZsGACnrGgApqwoAKcvyDlAKYdoqhTAblUKYz0ohLBal8OJvA5TqewCU6joAlGoaAJSqawCUqioAlCpLAJQqijtAa4RpqzXCbNQaYT5rjbBYtMZXfxugddcBoHXTAKB1XQOgdVUBoHVZAqB1UQCgdZ7fAcOAMG2HAWE2DgPCfB4GhMUyDIfD/wEMQ9MAMAx1DcAwVBUAw1CWAAxDUQAwDHkOwDBk2R1gDMK0NQZhNhqDMJ+NQVgsxuz3GKEx04QRGtP3GKExXYcRGtM0ABhT1wAYU1UAGFOWABhTFAAYk+cAGJNlABiz290B1iJMW2sRZqO1CPPZWoTFYi3C8mwtwupiLcL6am3TAGBtXQNgbVUBYG1ZAmBtUQBgbZ4DYG2WAWDtbgeAtdvtHeAcwrR1DmE2Oocwn51DWCzOISzPziGsLs4hrK/O1TUAzlUVAM6VJQDOFQUAzuU5AM5lGQDO7XYAOLfdAuDcZnMHeI8wbb1HmI3eI8xn7xEWi/cIy7P3CKuL9wjrq/dVBYD3ZQmA90UBgPd5DoD3WQaA97sdAN5vtwB4v9kA4P16fQeEgDBtQ0CYjSEgzOcQEBZLCAjLcwgIq0sICOtrCGUJQAhFAUAIeQ5ACFkGQAi7HQAhbLcAhLDZABDCeg1ACKvVHRAjwrSNEWE2xogwn2NEWCwxIizPMSKsLjEirK8xFgUAMeY5ADFmGQAx7nYAxLjdAhDjZgNAjOs1ADGuVgDE+PBwB6SEMG1TQpiNKSHM55QQFktKCMtzSgirS0oI62tKeQ5ASlkGQEq7HQApbbcApLTZAJDSeg1ASqsVACk9PACQ0suXq9W/rulrPYP8Ob8AAAAASUVORK5CYII=';
