// Input for the comparison of examples/libs/p5_instance.js with Chromium:
// once the page has loaded, the mouse moves to (170, 60) and the up arrow is
// pressed twice, as plain Events carrying the fields p5.js reads.
window.addEventListener('load', () => setTimeout(() => {
  const canvas = document.querySelectorAll('canvas')[document.querySelectorAll('canvas').length - 1];
  const fire = (type, props) => {
    const e = new Event(type, {bubbles: true, cancelable: true});
    Object.assign(e, props);
    canvas.dispatchEvent(e);
  };
  fire('mousemove', {clientX: 170, clientY: 60, button: 0, buttons: 0});
  for (let i = 0; i < 2; i++) {
    fire('keydown', {key: 'ArrowUp', code: 'ArrowUp', which: 38, keyCode: 38});
    fire('keyup', {key: 'ArrowUp', code: 'ArrowUp', which: 38, keyCode: 38});
  }
}, 50));
