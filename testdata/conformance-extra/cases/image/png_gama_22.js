// size: 100x100
// checks: an RGBA PNG with a gAMA chunk of 1/2.2 (0.45455) and no sRGB chunk: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAABGdBTUEAALGPC/xhBQAAAsZJREFUeNplzCGQ4yoABuCTcc/szOFWLm5lmYmoLK4SXGVwERHBRQaHLK6yzERUFlcJrrK4FRGLW3m4/yLfzInPfr+aBiDNH9DmB6z5Bm++IJsXVPOEbiJM81hdc4++uS2hudrUXIbcnEVpbFub+f1XQ/6AkB9Q8g1GvsDJC5I8oUiEJg8Ycl8duUVPrksgF5vIecjEikLmtpJpC+gPCP0GpV9g9AVOn5A0QtEHNL3D0Nvq6DV6elkCPdtE7ZDpLAqd2krHLWDfIOwLlL3A2BOcRUj2gGJ3aHaDYdfVsUv07LwEZm1i85DZJAob28r6LeBfIPwFyp9gPILzByS/Q/EbNL/C8Mvq+Dl6bpfAZ5v4NGQ+isL7tvJuC+QLRD5BZQSTD3B5x9vb2/+tTtro5bwEOdkkxyHLXhTZtVWetkA9QVQEVQ8wdQdXt38DNUevpiWo0SbVD1l1oqhTW5XYAh1B9ANU38H0DVxf/w30FL0el6B7m3Q3ZH0SRYu26uMWmAeIuYOaG5i5gpvLv4EZozf9EkxnkzkN2QhRzLGt5rAF7g7ibqDuCuYu4O4M6SyUm6HdBOPG1bk+etctwZ1scmLI7iiKO7TV7bfA30D8FdRfwPwZ3FtIP0P5CdqPML5fne+i96cleGGTPw7ZH0Tx+7b63RaEK0i4gIYzWLDgYYYME1QYoUMPE7rVhVP0QSwhHG0KhyGHvShh19bwuQXpApLOoMmCpRk8TZBphEo9dOpg0ml1SUSfjktIB5vSfshpJ0r6bGv62IJ8BskWNM9geQLPI2TuoXIHnU8wWawuH6PPhyXkvU15N+T8KUr+aGt+34JiQcoMWiawMoKXHrJ0UOUEXQRMOa6uHKIv+yWUnU3lc8jlQ5Ty3tbyewvqDFIn0DqC1R68dpD1BFUFdD3C1MPq6j76ultC/bSpfgy5votSf7e1/vf+FzSuM2+L0tiAAAAAAElFTkSuQmCC';
