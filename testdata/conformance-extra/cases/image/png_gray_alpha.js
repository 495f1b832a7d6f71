// size: 100x100
// checks: a grey + alpha PNG: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAQAAAC1+jfqAAAA2ElEQVR42l3LIWwCMRQG4ErkJO4mJydJziCRuE5OTi6pmZycKxJ58pJnTp6se5WVlU2eqays+xdCCPD89xmDF7ziHXsc8Ylv/MqJJ1p8cMmWsQ1mgy3esMMBH/jCD/7kzDOtPrps69gHoz5OMvFCwSdXbBsxGPVxlplXij67avsFqI9JFg6UfHHN4gLUxywrR8q+un4F6mORwImKbw5XoD5WiZyp+n4D6iNI4kLN4wbUR5TMlfodqI8khRvhDtRHlsr9EaiPIo3xCNRHlf4M1EcTPAP10RX4Bzr+a/gfvpzTAAAAAElFTkSuQmCC';
