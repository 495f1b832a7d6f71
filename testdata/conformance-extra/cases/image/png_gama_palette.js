// size: 100x100
// checks: a palette PNG with tRNS and a gAMA chunk of 0.8: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAABGdBTUEAATiAcMA1oQAAAGBQTFRFCAj/KAjvSAjfaAjPiAi/qAivyAif6AiPCEjfKEjPSEi/aEiviEifqEiPyEh/6EhvCIi/KIivSIifFBQUFBQUqIhvyIhf6IhPCMifKMiPSMh/aMhviMhfqMhPyMg/6MgvZpqH2wAAACB0Uk5T/////+Orczv/////46tzO//////jq3M7/////+Orczs8jZEeAAAATElEQVR42p3IxwGAIBAAsEOq9CIdZf8t3YE8AwAIXRfGhFDKGOdwEELct5RKaW2Mtc6dhPchxJjS8+RcSq0n0VrvY8y51vt+394H8QOK2w+BjCyxuAAAAABJRU5ErkJggg==';
