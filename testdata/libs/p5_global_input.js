// Input for the comparison of examples/libs/p5_global.js with Chromium: a
// click at (60, 112) and the key "a" once the page has loaded (when p5.js
// starts), as plain Events carrying the fields p5.js reads, which Chromium
// and seccanvas dispatch alike.
window.addEventListener('load', () => setTimeout(() => {
  const canvas = document.querySelectorAll('canvas')[document.querySelectorAll('canvas').length - 1];
  const fire = (type, props) => {
    const e = new Event(type, {bubbles: true, cancelable: true});
    Object.assign(e, props);
    canvas.dispatchEvent(e);
  };
  const at = {clientX: 60, clientY: 112};
  fire('mousemove', {...at, button: 0, buttons: 0});
  fire('mousedown', {...at, button: 0, buttons: 1});
  fire('mouseup', {...at, button: 0, buttons: 0});
  fire('keydown', {key: 'a', code: 'KeyA', which: 65, keyCode: 65});
  fire('keyup', {key: 'a', code: 'KeyA', which: 65, keyCode: 65});
}, 50));
