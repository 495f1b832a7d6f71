// The same limit when the script comes on stdin.
// expect: exit=2 stderr="over the 1K limit"
// flags: --max-script 1K --size 64x64
// source: stdin
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
console.log("padding to go over one KiB .......................................................................");
