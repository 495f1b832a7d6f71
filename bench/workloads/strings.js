// strings: building text piece by piece, splitting, joining and searching
// it. SCALE is the number of lines built.
function bench(lines) {
  const words = ['canvas', 'jail', 'seccomp', 'frame', 'pixel', 'shared', 'memory', 'present', 'relay', 'host'];
  let text = '';
  for (let i = 0; i < lines; i++) {
    let line = i + ':';
    for (let j = 0; j < 8; j++) line += ' ' + words[(i * 7 + j * 3) % words.length];
    text += line.toUpperCase().toLowerCase() + '\n';
  }
  const parts = text.split('\n');
  let hits = 0, total = 0;
  for (const p of parts) {
    if (p.indexOf('jail') >= 0) hits++;
    total += p.replace(/e/g, 'E').length;
  }
  const joined = parts.slice(0, 100).join('|');
  return hits + ':' + total + ':' + joined.length;
}
