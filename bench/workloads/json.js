// json: round trips of a nested document through JSON.stringify and
// JSON.parse. SCALE is the number of round trips.
function bench(trips) {
  const doc = { name: 'scene', version: 3, layers: [] };
  for (let i = 0; i < 40; i++) {
    doc.layers.push({ id: i, visible: i % 3 !== 0, opacity: i / 40, tags: ['a' + i, 'b', 'c'],
      shapes: [{ kind: 'rect', x: i, y: i * 2, w: 10, h: 20 }, { kind: 'arc', cx: i, cy: 3, r: 1.5, label: 'ünïcødé ' + i }] });
  }
  let s = '', sum = 0;
  for (let t = 0; t < trips; t++) {
    s = JSON.stringify(doc);
    const back = JSON.parse(s);
    sum += back.layers[t % 40].shapes[0].y + back.layers.length;
  }
  return s.length + ':' + sum;
}
