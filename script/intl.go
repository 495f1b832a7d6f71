package script

import (
	"github.com/dop251/goja"
)

// installIntl defines Intl (NumberFormat, DateTimeFormat, PluralRules,
// Collator, RelativeTimeFormat, ListFormat) and the toLocaleString methods
// that use it. goja has no Intl; libraries (Chart.js) format every tick
// label with Intl.NumberFormat. The data is CLDR's for en-US, which is
// complete here, plus the number symbols, date orders and plural rules of a
// few other common locales; other locales fall back to en-US, as a browser
// does for a locale it has no data for.
//
// Few scripts use Intl, and compiling it is a large share of building an
// engine (which every jailed child does before its lock), so only a small
// stub is installed here: Intl is a global accessor and the toLocale*String
// methods are wrappers, and the first use of either compiles and runs the
// prelude (intlJS). That happens while a script runs, so after the child's
// lock: it needs only the CPU and memory any script uses.
func (r *Runtime) installIntl() error {
	_, err := CallPrelude(r.vm, "seccanvas-intl-stub.js", intlStubJS, r.vm.GlobalObject(), r.vm.ToValue(r.loadIntl))
	return err
}

// loadIntl compiles and runs the Intl prelude and returns what it makes:
// {Intl, number, date, dateDate, dateTime} (the last four are the
// toLocaleString implementations). The stub calls it once. A failure is
// thrown into the script (an interrupt passes through as it came).
func (r *Runtime) loadIntl(goja.FunctionCall) goja.Value {
	return MustCallPrelude(r.vm, "seccanvas-intl.js", intlJS)
}

// intlStubJS is what installIntl runs at once: the global Intl, which
// becomes a plain data property (as in browsers) at its first read or
// write, and the toLocale*String methods, which keep their names and
// lengths and call into the prelude once it is loaded.
const intlStubJS = `(function (g, load) {
'use strict';
let impl;
const get = () => impl || (impl = load());
const data = (v) => ({value: v, writable: true, configurable: true, enumerable: false});
Object.defineProperty(g, 'Intl', {
  get() { const v = get().Intl; Object.defineProperty(g, 'Intl', data(v)); return v; },
  set(v) { Object.defineProperty(g, 'Intl', data(v)); },
  configurable: true, enumerable: false});
const redef = (o, k, fn) => Object.defineProperty(o, k, data(fn));
redef(Number.prototype, 'toLocaleString', function toLocaleString(l, o) { return get().number.call(this, l, o); });
redef(Date.prototype, 'toLocaleString', function toLocaleString(l, o) { return get().date.call(this, l, o); });
redef(Date.prototype, 'toLocaleDateString', function toLocaleDateString(l, o) { return get().dateDate.call(this, l, o); });
redef(Date.prototype, 'toLocaleTimeString', function toLocaleTimeString(l, o) { return get().dateTime.call(this, l, o); });
})`

// intlJS is the Intl prelude: a function of no arguments that returns
// Intl and the toLocale*String implementations (see loadIntl).
const intlJS = `(function () {
'use strict';
// Locale data: [group, decimal, currency pattern (¤ = symbol, # = number), percent pattern, date order, hour12].
const NBSP = '\u00a0', NNBSP = '\u202f';
const data = {
  en: [',', '.', '¤#', '#%', 'mdy', true],
  'en-GB': [',', '.', '¤#', '#%', 'dmy', false],
  'en-IN': [',', '.', '¤#', '#%', 'dmy', true],
  de: ['.', ',', '#' + NBSP + '¤', '#' + NBSP + '%', 'd.m.y', false],
  fr: [NNBSP, ',', '#' + NBSP + '¤', '#' + NNBSP + '%', 'dmy', false],
  es: ['.', ',', '#' + NBSP + '¤', '#' + NBSP + '%', 'dmy', false],
  it: ['.', ',', '#' + NBSP + '¤', '#%', 'dmy', false],
  pt: ['.', ',', '¤' + NBSP + '#', '#%', 'dmy', false],
  nl: ['.', ',', '¤' + NBSP + '#', '#%', 'd-m-y', false],
  ru: [NBSP, ',', '#' + NBSP + '¤', '#' + NBSP + '%', 'd.m.y', false],
  pl: [NBSP, ',', '#' + NBSP + '¤', '#%', 'd.m.y', false],
  sv: [NBSP, ',', '#' + NBSP + '¤', '#' + NBSP + '%', 'y-m-d', false],
  ja: [',', '.', '¤#', '#%', 'y/m/d', false],
  zh: [',', '.', '¤#', '#%', 'y/m/d', false],
  ko: [',', '.', '¤#', '#%', 'y. m. d.', true],
};
const symbols = {USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: 'CN¥', INR: '₹', KRW: '₩', BRL: 'R$', CAD: 'CA$', AUD: 'A$',
  CHF: 'CHF', RUB: 'RUB', MXN: 'MX$', SEK: 'SEK', PLN: 'PLN'};
const zeroDecimals = {JPY: 1, KRW: 1};
const supported = Object.keys(data);
const canon = (tag) => {
  const parts = String(tag).replace(/_/g, '-').split('-');
  if (!/^[a-zA-Z]{2,8}$/.test(parts[0])) throw new RangeError('Incorrect locale information provided');
  return parts.map((p, i) => i === 0 ? p.toLowerCase() : p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.toLowerCase()).join('-');
};
const list = (locales) => locales === undefined ? [] : (typeof locales === 'string' ? [locales] : Array.from(locales)).map(canon);
// resolve picks the first requested locale with data; en-US otherwise.
const resolve = (locales) => {
  for (const l of list(locales)) {
    if (data[l]) return {locale: l, d: data[l]};
    const lang = l.split('-')[0];
    if (data[lang]) return {locale: l, d: data[lang]};
  }
  return {locale: 'en-US', d: data.en};
};

// Decimal digits of a finite x ≥ 0 as CLDR formats them: from the shortest
// round-trip representation (so 1.005 rounds to 1.01, as ICU does).
const digitsOf = (x) => {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  let ds = m[1] + (m[2] || ''), pos = m[1].length + Number(m[3] || 0);
  while (ds.length && ds[0] === '0') { ds = ds.slice(1); pos--; }
  ds = ds.replace(/0+$/, '');
  return ds === '' ? {ds: '', pos: 1} : {ds, pos};
};
// roundKeep keeps the first keep digits, rounding half away from zero.
const roundKeep = (v, keep) => {
  if (keep >= v.ds.length) return v;
  if (keep < 0) return {ds: '', pos: 1};
  let head = v.ds.slice(0, keep), pos = v.pos;
  if (v.ds.charCodeAt(keep) >= 53) {
    let i = head.length - 1, arr = head.split('');
    while (i >= 0 && arr[i] === '9') { arr[i] = '0'; i--; }
    if (i < 0) { arr.unshift('1'); pos++; } else arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
    head = arr.join('');
  }
  head = head.replace(/0+$/, '');
  return head === '' ? {ds: '', pos: 1} : {ds: head, pos};
};
const intFrac = (v) => {
  const ds = v.ds, pos = v.pos;
  if (ds === '') return ['0', ''];
  if (pos <= 0) return ['0', '0'.repeat(-pos) + ds];
  if (pos >= ds.length) return [ds + '0'.repeat(pos - ds.length), ''];
  return [ds.slice(0, pos), ds.slice(pos)];
};
const group = (s, sep) => s.length <= 3 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const num = (v, name, lo, hi, dflt) => {
  if (v === undefined) return dflt;
  const x = Number(v);
  if (!isFinite(x) || x < lo || x > hi) throw new RangeError(name + ' value is out of range.');
  return Math.floor(x);
};
const pick = (o, k, allowed, dflt) => {
  const v = o[k];
  if (v === undefined) return dflt;
  const s = String(v);
  if (allowed && !allowed.includes(s)) throw new RangeError('Value ' + s + ' out of range for Intl options property ' + k);
  return s;
};

class NumberFormat {
  #o; #d;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    const r = resolve(locales);
    this.#d = r.d;
    const style = pick(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
    const currency = o.currency === undefined ? undefined : String(o.currency).toUpperCase();
    if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
    const notation = pick(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
    const cd = style === 'currency' ? (zeroDecimals[currency] ? 0 : 2) : 0;
    let minFD = num(o.minimumFractionDigits, 'minimumFractionDigits', 0, 100, undefined);
    let maxFD = num(o.maximumFractionDigits, 'maximumFractionDigits', 0, 100, undefined);
    const dmax = style === 'currency' ? cd : style === 'percent' ? 0 : notation === 'compact' ? 0 : 3;
    if (minFD === undefined) minFD = Math.min(cd, maxFD === undefined ? cd : maxFD);
    if (maxFD === undefined) maxFD = Math.max(minFD, dmax);
    else if (minFD > maxFD) throw new RangeError('maximumFractionDigits value is out of range.');
    const minSD = num(o.minimumSignificantDigits, 'minimumSignificantDigits', 1, 21, undefined);
    const maxSD = num(o.maximumSignificantDigits, 'maximumSignificantDigits', 1, 21, undefined);
    this.#o = {
      locale: r.locale, numberingSystem: 'latn', style, currency,
      currencyDisplay: pick(o, 'currencyDisplay', ['symbol', 'narrowSymbol', 'code', 'name'], 'symbol'),
      unit: o.unit === undefined ? undefined : String(o.unit),
      unitDisplay: pick(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short'),
      minimumIntegerDigits: num(o.minimumIntegerDigits, 'minimumIntegerDigits', 1, 21, 1),
      minimumFractionDigits: minFD, maximumFractionDigits: maxFD,
      minimumSignificantDigits: maxSD !== undefined || minSD !== undefined ? (minSD || 1) : undefined,
      maximumSignificantDigits: maxSD !== undefined || minSD !== undefined ? (maxSD || 21) : undefined,
      useGrouping: o.useGrouping === undefined ? (notation === 'compact' ? 'min2' : 'auto') : (o.useGrouping === false ? false : 'auto'),
      notation, compactDisplay: pick(o, 'compactDisplay', ['short', 'long'], 'short'),
      signDisplay: pick(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto'),
      roundingMode: 'halfExpand',
    };
  }
  get format() { return (x) => this.formatToParts(x).map((p) => p.value).join(''); }
  formatToParts(x) {
    const o = this.#o, d = this.#d;
    x = typeof x === 'bigint' ? Number(x) : Number(x);
    const parts = [];
    const neg = x < 0 || Object.is(x, -0);
    let ax = Math.abs(x);
    if (o.style === 'percent') ax *= 100;
    let body = [];
    if (isNaN(x)) body.push({type: 'nan', value: 'NaN'});
    else if (!isFinite(x)) body.push({type: 'infinity', value: '∞'});
    else {
      let exp = 0, suffix = '';
      if ((o.notation === 'scientific' || o.notation === 'engineering') && ax !== 0) {
        exp = digitsOf(ax).pos - 1;
        if (o.notation === 'engineering') exp = Math.floor(exp / 3) * 3;
        ax = ax / Math.pow(10, exp);
      } else if (o.notation === 'compact' && ax >= 1000) {
        const units = o.compactDisplay === 'long' ? [' thousand', ' million', ' billion', ' trillion'] : ['K', 'M', 'B', 'T'];
        let k = Math.min(Math.floor(digitsOf(ax).pos - 1) / 3 | 0, 4);
        let scaled = ax / Math.pow(1000, k);
        // 999950 rounds up into the next unit.
        if (k < 4 && roundKeep(digitsOf(scaled), scaled < 100 ? 2 : digitsOf(scaled).pos).pos > 3) { k++; scaled = ax / Math.pow(1000, k); }
        ax = scaled; suffix = units[k - 1];
      }
      let v = digitsOf(ax);
      let minFrac = o.minimumFractionDigits;
      if (o.maximumSignificantDigits !== undefined) {
        v = roundKeep(v, o.maximumSignificantDigits);
        minFrac = Math.max(0, o.minimumSignificantDigits - Math.max(v.pos, 1));
        if (v.ds === '') minFrac = o.minimumSignificantDigits - 1;
      } else if (o.notation === 'compact' && o.maximumFractionDigits === 0 && o.minimumFractionDigits === 0) {
        v = roundKeep(v, v.pos < 2 ? 2 : v.pos);
      } else v = roundKeep(v, v.pos + o.maximumFractionDigits);
      let [ip, fp] = intFrac(v);
      while (fp.length < minFrac) fp += '0';
      while (ip.length < o.minimumIntegerDigits) ip = '0' + ip;
      const grouping = o.useGrouping !== false && o.notation !== 'scientific' && o.notation !== 'engineering' &&
        !(o.useGrouping === 'min2' && ip.length < 5) && !(d[0] === '.' && d[1] === ',' && d === data.es && ip.length < 5);
      if (grouping && ip.length > 3) {
        const gs = group(ip, '\u0000').split('\u0000');
        gs.forEach((s, i) => { if (i) body.push({type: 'group', value: d[0]}); body.push({type: 'integer', value: s}); });
      } else body.push({type: 'integer', value: ip});
      if (fp) { body.push({type: 'decimal', value: d[1]}); body.push({type: 'fraction', value: fp}); }
      if (o.notation === 'scientific' || o.notation === 'engineering') {
        body.push({type: 'exponentSeparator', value: 'E'});
        if (exp < 0) body.push({type: 'exponentMinusSign', value: '-'});
        body.push({type: 'exponentInteger', value: String(Math.abs(exp))});
      }
      if (suffix) {
        if (suffix[0] === ' ') body.push({type: 'literal', value: ' '});
        body.push({type: 'compact', value: suffix.trim()});
      }
      x = v.ds === '' ? (neg ? -0 : 0) : x;
    }
    const zero = body.every((p) => p.type !== 'integer' || /^0*$/.test(p.value)) && !body.some((p) => p.type === 'fraction' && /[1-9]/.test(p.value));
    let sign = '';
    switch (o.signDisplay) {
      case 'auto': sign = neg && !isNaN(x) ? '-' : ''; break;
      case 'always': sign = neg ? '-' : '+'; break;
      case 'exceptZero': sign = zero ? '' : neg ? '-' : '+'; break;
      case 'negative': sign = neg && !zero ? '-' : ''; break;
    }
    if (sign) parts.push({type: sign === '-' ? 'minusSign' : 'plusSign', value: sign});
    let pattern = o.style === 'currency' ? d[2] : o.style === 'percent' ? d[3] : '#';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '#') parts.push(...body);
      else if (c === '¤') {
        const cur = o.currencyDisplay === 'code' ? o.currency : o.currencyDisplay === 'name' ? o.currency : (o.currencyDisplay === 'narrowSymbol' ? (symbols[o.currency] || o.currency).replace(/^[A-Z]+(\W)/, '$1') : symbols[o.currency] || o.currency);
        parts.push({type: 'currency', value: cur});
        if (o.currencyDisplay === 'code' && pattern[i + 1] === '#') parts.push({type: 'literal', value: NBSP});
      } else if (c === '%') parts.push({type: 'percentSign', value: '%'});
      else parts.push({type: 'literal', value: c});
    }
    if (o.style === 'unit' && o.unit) parts.push({type: 'literal', value: ' '}, {type: 'unit', value: unitName(o.unit, o.unitDisplay)});
    return parts;
  }
  formatRange(a, b) { return this.format(a) + '–' + this.format(b); }
  resolvedOptions() {
    const out = {};
    for (const [k, v] of Object.entries(this.#o)) if (v !== undefined) out[k] = v;
    return out;
  }
  static supportedLocalesOf(l) { return list(l).filter((x) => data[x] || data[x.split('-')[0]]); }
}
const units = {kilometer: 'km', meter: 'm', centimeter: 'cm', millimeter: 'mm', mile: 'mi', foot: 'ft', inch: 'in',
  kilogram: 'kg', gram: 'g', pound: 'lb', second: 'sec', minute: 'min', hour: 'hr', day: 'day', week: 'wk', month: 'mth', year: 'yr',
  millisecond: 'ms', byte: 'byte', kilobyte: 'kB', megabyte: 'MB', gigabyte: 'GB', percent: '%', celsius: '°C', fahrenheit: '°F',
  liter: 'L', 'kilometer-per-hour': 'km/h', 'mile-per-hour': 'mph'};
const unitName = (u, disp) => disp === 'long' ? u + 's' : units[u] || u;

// Dates. Month and day names are English (CLDR en); numeric orders follow
// the locale.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const two = (n) => (n < 10 ? '0' : '') + n;
class DateTimeFormat {
  #o; #d;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    const r = resolve(locales);
    this.#d = r.d;
    const ro = {locale: r.locale, calendar: 'gregory', numberingSystem: 'latn'};
    const tz = o.timeZone === undefined ? undefined : String(o.timeZone);
    if (tz !== undefined && !/^(utc|gmt|etc\/utc|etc\/gmt)$/i.test(tz)) {
      if (!/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(tz)) throw new RangeError('Invalid time zone specified: ' + tz);
    }
    ro.timeZone = tz !== undefined && /^(utc|gmt|etc\/utc|etc\/gmt)$/i.test(tz) ? 'UTC' : (tz || 'UTC');
    this.utc = tz !== undefined && ro.timeZone === 'UTC';
    const ds = pick(o, 'dateStyle', ['full', 'long', 'medium', 'short']), ts = pick(o, 'timeStyle', ['full', 'long', 'medium', 'short']);
    const fields = ['weekday', 'era', 'year', 'month', 'day', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName', 'dayPeriod'];
    for (const f of fields) if (o[f] !== undefined) ro[f] = f === 'fractionalSecondDigits' ? num(o[f], f, 1, 3) : String(o[f]);
    if (ds || ts) {
      if (fields.some((f) => ro[f] !== undefined)) throw new TypeError("Can't set option " + fields.find((f) => ro[f] !== undefined) + ' when ' + (ds ? 'dateStyle' : 'timeStyle') + ' is used');
      if (ds) ro.dateStyle = ds;
      if (ts) ro.timeStyle = ts;
    } else if (!fields.some((f) => ro[f] !== undefined)) { ro.year = 'numeric'; ro.month = 'numeric'; ro.day = 'numeric'; }
    let h12 = r.d[5];
    if (o.hour12 !== undefined) h12 = !!o.hour12;
    else if (o.hourCycle !== undefined) h12 = o.hourCycle === 'h12' || o.hourCycle === 'h11';
    if (ro.hour !== undefined || ts) { ro.hourCycle = h12 ? 'h12' : 'h23'; ro.hour12 = h12; }
    this.#o = ro;
  }
  #get(date) {
    const t = date === undefined ? Date.now() : date instanceof Date ? date.getTime() : Number(date);
    if (!isFinite(t)) throw new RangeError('Invalid time value');
    const dt = new Date(t), u = this.utc;
    return {y: u ? dt.getUTCFullYear() : dt.getFullYear(), m: u ? dt.getUTCMonth() : dt.getMonth(), d: u ? dt.getUTCDate() : dt.getDate(),
      wd: u ? dt.getUTCDay() : dt.getDay(), h: u ? dt.getUTCHours() : dt.getHours(), mi: u ? dt.getUTCMinutes() : dt.getMinutes(),
      s: u ? dt.getUTCSeconds() : dt.getSeconds(), ms: u ? dt.getUTCMilliseconds() : dt.getMilliseconds()};
  }
  get format() { return (date) => this.formatToParts(date).map((p) => p.value).join(''); }
  formatToParts(date) {
    const v = this.#get(date), o = Object.assign({}, this.#o), d = this.#d;
    const out = [];
    const lit = (s) => out.push({type: 'literal', value: s});
    if (o.dateStyle) {
      const st = o.dateStyle;
      if (st === 'full') o.weekday = 'long';
      o.year = 'numeric'; o.month = st === 'short' ? 'numeric' : st === 'medium' ? 'short' : 'long'; o.day = 'numeric';
      if (st === 'short') o.year = '2-digit';
    }
    if (o.timeStyle) { o.hour = 'numeric'; o.minute = '2-digit'; if (o.timeStyle !== 'short') o.second = '2-digit'; if (o.timeStyle === 'full' || o.timeStyle === 'long') o.timeZoneName = 'short'; }
    const year = o.year === '2-digit' ? two(v.y % 100) : String(v.y);
    const textMonth = o.month === 'short' || o.month === 'long' || o.month === 'narrow';
    const month = o.month === 'long' ? MONTHS[v.m] : o.month === 'short' ? MONTHS[v.m].slice(0, 3) : o.month === 'narrow' ? MONTHS[v.m][0] : o.month === '2-digit' ? two(v.m + 1) : String(v.m + 1);
    const day = o.day === '2-digit' ? two(v.d) : String(v.d);
    const weekday = o.weekday === 'long' ? DAYS[v.wd] : o.weekday === 'short' ? DAYS[v.wd].slice(0, 3) : o.weekday === 'narrow' ? DAYS[v.wd][0] : undefined;
    const hasDate = o.year || o.month || o.day || o.weekday;
    if (hasDate) {
      if (weekday) { out.push({type: 'weekday', value: weekday}); if (o.year || o.month || o.day) lit(', '); }
      const en = d === data.en || d === data['en-IN'];
      if (textMonth && en) {
        if (o.month) out.push({type: 'month', value: month});
        if (o.day) { if (o.month) lit(' '); out.push({type: 'day', value: day}); }
        if (o.year) { if (o.month || o.day) lit(o.day ? ', ' : ' '); out.push({type: 'year', value: year}); }
      } else if (textMonth) {
        if (o.day) { out.push({type: 'day', value: day}); lit(d[4] === 'd.m.y' ? '. ' : ' '); }
        if (o.month) out.push({type: 'month', value: month});
        if (o.year) { lit(' '); out.push({type: 'year', value: year}); }
      } else {
        const order = d[4].replace(/[^dmy]/g, '');
        const sep = (d[4].match(/[^dmy]+/) || ['/'])[0];
        const pieces = {d: o.day && {type: 'day', value: en ? day : (o.day === 'numeric' && sep === '/' ? two(v.d) : day)},
          m: o.month && {type: 'month', value: en ? month : (o.month === 'numeric' && sep === '/' ? two(v.m + 1) : month)}, y: o.year && {type: 'year', value: year}};
        let first = true;
        for (const k of order) if (pieces[k]) { if (!first) lit(sep.trimEnd() === sep ? sep : sep); out.push(pieces[k]); first = false; }
        if (d[4].endsWith('.') && !first) lit('.');
      }
    }
    if (o.hour || o.minute || o.second) {
      if (hasDate) lit(', ');
      const h12 = o.hour12 !== undefined ? o.hour12 : d[5];
      if (o.hour) {
        let h = v.h;
        if (h12) h = h % 12 === 0 ? 12 : h % 12;
        out.push({type: 'hour', value: o.hour === '2-digit' || (!h12 && o.minute) ? two(h) : String(h)});
      }
      if (o.minute) { if (o.hour) lit(':'); out.push({type: 'minute', value: o.hour || o.minute === '2-digit' ? two(v.mi) : String(v.mi)}); }
      if (o.second) { if (o.hour || o.minute) lit(':'); out.push({type: 'second', value: o.minute || o.second === '2-digit' ? two(v.s) : String(v.s)}); }
      if (o.fractionalSecondDigits) { lit('.'); out.push({type: 'fractionalSecond', value: String(v.ms).padStart(3, '0').slice(0, o.fractionalSecondDigits)}); }
      if (o.hour && h12) { lit(' '); out.push({type: 'dayPeriod', value: v.h < 12 ? 'AM' : 'PM'}); }
      if (o.timeZoneName) { lit(' '); out.push({type: 'timeZoneName', value: o.timeStyle === 'full' ? 'Coordinated Universal Time' : 'UTC'}); }
    }
    return out;
  }
  formatRange(a, b) { return this.format(a) + ' – ' + this.format(b); }
  resolvedOptions() {
    const out = {};
    for (const [k, v] of Object.entries(this.#o)) if (v !== undefined) out[k] = v;
    return out;
  }
  static supportedLocalesOf(l) { return NumberFormat.supportedLocalesOf(l); }
}

// Plural rules (CLDR) for the supported languages.
const plural = {
  en: (n, i, v) => i === 1 && v === 0 ? 'one' : 'other',
  de: (n, i, v) => i === 1 && v === 0 ? 'one' : 'other',
  fr: (n, i) => i === 0 || i === 1 ? 'one' : 'other',
  pt: (n, i) => i === 0 || i === 1 ? 'one' : 'other',
  ru: (n, i, v) => v !== 0 ? 'other' : i % 10 === 1 && i % 100 !== 11 ? 'one' : i % 10 >= 2 && i % 10 <= 4 && (i % 100 < 12 || i % 100 > 14) ? 'few' : 'many',
  pl: (n, i, v) => v !== 0 ? 'other' : i === 1 ? 'one' : i % 10 >= 2 && i % 10 <= 4 && (i % 100 < 12 || i % 100 > 14) ? 'few' : 'many',
  ja: () => 'other', zh: () => 'other', ko: () => 'other',
};
const ordinalEn = (n) => { const a = n % 10, b = n % 100; return a === 1 && b !== 11 ? 'one' : a === 2 && b !== 12 ? 'two' : a === 3 && b !== 13 ? 'few' : 'other'; };
class PluralRules {
  #o; #f; #nf;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    const r = resolve(locales);
    const lang = r.locale.split('-')[0];
    const type = pick(o, 'type', ['cardinal', 'ordinal'], 'cardinal');
    this.#f = type === 'ordinal' ? (lang === 'en' ? ordinalEn : () => 'other') : plural[lang] || plural.en;
    this.#nf = new NumberFormat('en', {minimumFractionDigits: o.minimumFractionDigits, maximumFractionDigits: o.maximumFractionDigits, useGrouping: false,
      minimumSignificantDigits: o.minimumSignificantDigits, maximumSignificantDigits: o.maximumSignificantDigits});
    const cats = {en: ['one', 'other'], de: ['one', 'other'], fr: ['one', 'many', 'other'], pt: ['one', 'many', 'other'],
      ru: ['one', 'few', 'many', 'other'], pl: ['one', 'few', 'many', 'other'], ja: ['other'], zh: ['other'], ko: ['other']};
    this.#o = Object.assign({locale: r.locale, type, pluralCategories: type === 'ordinal' ? (lang === 'en' ? ['few', 'one', 'two', 'other'] : ['other']) : cats[lang] || cats.en},
      this.#nf.resolvedOptions().maximumSignificantDigits === undefined ? {minimumIntegerDigits: 1, minimumFractionDigits: this.#nf.resolvedOptions().minimumFractionDigits, maximumFractionDigits: this.#nf.resolvedOptions().maximumFractionDigits} : {});
  }
  select(n) {
    n = Number(n);
    if (!isFinite(n)) return 'other';
    const s = this.#nf.format(Math.abs(n));
    const i = parseInt(s, 10), v = s.includes('.') ? s.split('.')[1].length : 0;
    return this.#o.type === 'ordinal' ? this.#f(i) : this.#f(Number(s), i, v);
  }
  selectRange(a, b) { return this.select(b); }
  resolvedOptions() { return Object.assign({}, this.#o); }
  static supportedLocalesOf(l) { return NumberFormat.supportedLocalesOf(l); }
}

class Collator {
  #o;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    const r = resolve(locales);
    this.#o = {locale: r.locale, usage: pick(o, 'usage', ['sort', 'search'], 'sort'),
      sensitivity: pick(o, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant'),
      ignorePunctuation: !!o.ignorePunctuation, collation: 'default', numeric: !!o.numeric,
      caseFirst: pick(o, 'caseFirst', ['upper', 'lower', 'false'], 'false')};
  }
  get compare() {
    const o = this.#o;
    const fold = (s) => {
      s = String(s);
      if (o.ignorePunctuation) s = s.replace(/[\s!-\/:-@\[-\x60{-~]/g, '');
      if (o.sensitivity === 'base' || o.sensitivity === 'case') s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (o.sensitivity === 'base' || o.sensitivity === 'accent') s = s.toLowerCase();
      return s;
    };
    return (a, b) => {
      a = fold(a); b = fold(b);
      if (o.numeric) {
        const re = /(\d+)|(\D+)/g;
        const pa = a.match(re) || [], pb = b.match(re) || [];
        for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
          const x = pa[i], y = pb[i];
          if (/^\d/.test(x) && /^\d/.test(y)) { const d = Number(x) - Number(y); if (d) return d < 0 ? -1 : 1; }
          else { const c = x.localeCompare(y); if (c) return c < 0 ? -1 : 1; }
        }
        return pa.length === pb.length ? 0 : pa.length < pb.length ? -1 : 1;
      }
      const c = a.localeCompare(b);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    };
  }
  resolvedOptions() { return Object.assign({}, this.#o); }
  static supportedLocalesOf(l) { return NumberFormat.supportedLocalesOf(l); }
}

class RelativeTimeFormat {
  #o;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    this.#o = {locale: resolve(locales).locale, style: pick(o, 'style', ['long', 'short', 'narrow'], 'long'),
      numeric: pick(o, 'numeric', ['always', 'auto'], 'always'), numberingSystem: 'latn'};
  }
  format(v, unit) {
    v = Number(v); unit = String(unit).replace(/s$/, '');
    if (!['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'].includes(unit)) throw new RangeError('Invalid unit argument for format() \'' + unit + '\'');
    if (this.#o.numeric === 'auto') {
      const words = {day: ['yesterday', 'today', 'tomorrow'], year: ['last year', 'this year', 'next year'], month: ['last month', 'this month', 'next month'],
        week: ['last week', 'this week', 'next week'], quarter: ['last quarter', 'this quarter', 'next quarter']};
      if (words[unit] && (v === -1 || v === 0 || v === 1)) return words[unit][v + 1];
      if (v === 0 && (unit === 'second')) return 'now';
    }
    const a = Math.abs(v), n = new NumberFormat('en').format(a);
    let u = unit;
    if (this.#o.style !== 'long') u = {second: 'sec.', minute: 'min.', hour: 'hr.', day: 'day', week: 'wk.', month: 'mo.', quarter: 'qtr.', year: 'yr.'}[unit];
    const word = a === 1 || u.endsWith('.') ? u : u + 's';
    return v < 0 || Object.is(v, -0) ? n + ' ' + word + ' ago' : 'in ' + n + ' ' + word;
  }
  resolvedOptions() { return Object.assign({}, this.#o); }
}
class ListFormat {
  #o;
  constructor(locales, options) {
    const o = options === undefined ? {} : Object(options);
    this.#o = {locale: resolve(locales).locale, type: pick(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction'), style: pick(o, 'style', ['long', 'short', 'narrow'], 'long')};
  }
  format(items) {
    const a = Array.from(items || [], String), w = this.#o.type === 'disjunction' ? 'or' : this.#o.type === 'unit' ? '' : 'and';
    if (a.length < 2) return a.join('');
    if (!w) return a.join(', ');
    if (a.length === 2) return a[0] + ' ' + w + ' ' + a[1];
    return a.slice(0, -1).join(', ') + ', ' + w + ' ' + a[a.length - 1];
  }
  resolvedOptions() { return Object.assign({}, this.#o); }
}

const Intl = {NumberFormat, DateTimeFormat, PluralRules, Collator, RelativeTimeFormat, ListFormat,
  getCanonicalLocales: (l) => [...new Set(list(l))], supportedValuesOf: () => []};
for (const C of [NumberFormat, DateTimeFormat, PluralRules, Collator, RelativeTimeFormat, ListFormat])
  Object.defineProperty(C.prototype, Symbol.toStringTag, {value: 'Intl.' + C.name, configurable: true});
Object.defineProperty(Intl, Symbol.toStringTag, {value: 'Intl', configurable: true});
// The toLocale*String methods go through Intl, as in browsers.
return {Intl,
  number: function toLocaleString(l, o) { return new NumberFormat(l, o).format(Number(this)); },
  date: function toLocaleString(l, o) {
    if (isNaN(this.getTime())) return 'Invalid Date';
    o = o === undefined ? {} : Object(o);
    const has = ['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dateStyle', 'timeStyle'].some((k) => o[k] !== undefined);
    return new DateTimeFormat(l, has ? o : Object.assign({year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit'}, o)).format(this);
  },
  dateDate: function toLocaleDateString(l, o) {
    if (isNaN(this.getTime())) return 'Invalid Date';
    return new DateTimeFormat(l, o).format(this);
  },
  dateTime: function toLocaleTimeString(l, o) {
    if (isNaN(this.getTime())) return 'Invalid Date';
    o = o === undefined ? {} : Object(o);
    const has = ['hour', 'minute', 'second', 'timeStyle'].some((k) => o[k] !== undefined);
    return new DateTimeFormat(l, has ? o : Object.assign({hour: 'numeric', minute: '2-digit', second: '2-digit'}, o)).format(this);
  }};
})`
