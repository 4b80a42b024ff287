// The single-core limit of the command line: read, split on newlines, JSON.parse every line,
// nothing else. Prints the number of lines parsed.
import { createReadStream } from "node:fs";

let rest;
let count = 0;
const parse = (buffer, start, end) => {
  if (end > start) {
    JSON.parse(buffer.toString("utf8", start, end));
    count++;
  }
};
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  let start = 0;
  if (rest) {
    const newline = chunk.indexOf(10);
    const line = Buffer.concat([rest, chunk.subarray(0, newline)]);
    parse(line, 0, line.length);
    start = newline + 1;
    rest = undefined;
  }
  for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
    parse(chunk, start, newline);
    start = newline + 1;
  }
  if (start < chunk.length) rest = Buffer.from(chunk.subarray(start));
}
if (rest) parse(rest, 0, rest.length);
console.log(count);
