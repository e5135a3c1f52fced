// Grade collected responses with the MDN HTTP Observatory's own tests and grader, offline.
// Its scanner fetches the site itself (and will not scan loopback), so this builds the same
// Requests object its retriever would, from responses a real server gave the hosting tests,
// then scores them exactly as its scanner does (src/scanner/index.js, algorithm version 4).
// Input on stdin: {"host", "https": {"status", "headers"}, "http": {"status", "headers"}, "html"}.
// Output: {"grade", "score", "tests": {name: {result, scoreModifier}}}.
import fs from "node:fs";
import { AxiosHeaders } from "axios";
import { Requests } from "@mdn/mdn-http-observatory/src/types.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { parseHttpEquivHeaders } from "@mdn/mdn-http-observatory/src/retriever/utils.js";

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const url = `https://${input.host}/`;

function response(collected) {
  const headers = new AxiosHeaders();
  for (const [name, value] of Object.entries(collected.headers)) headers.set(name, value);
  return {
    headers, status: collected.status, statusText: "", verified: true, data: input.html,
    request: { headers: new AxiosHeaders() }, config: { headers: new AxiosHeaders() },
  };
}

const requests = new Requests(input.host);
requests.responses.auto = response(input.https);
requests.responses.https = requests.responses.auto;
requests.responses.http = response(input.http);
requests.responses.cors = null;
requests.responses.httpRedirects = [
  { url: new URL(`http://${input.host}/`), status: input.http.status },
  { url: new URL(url), status: input.https.status },
];
requests.responses.httpsRedirects = [{ url: new URL(url), status: input.https.status }];
requests.session = { url: new URL(url), redirectHistory: [] };
requests.resources.path = input.html;
requests.responses.auto.httpEquiv = parseHttpEquivHeaders(input.html, url);

let scoreWithExtraCredit = 100;
let uncurvedScore = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(requests);
  result.scoreModifier = result.result ? getScoreModifier(result.result) : 0;
  scoreWithExtraCredit += result.scoreModifier;
  if (result.scoreModifier < 0) uncurvedScore += result.scoreModifier;
  tests[result.constructor.name] = { result: result.result, scoreModifier: result.scoreModifier, pass: result.pass };
}
const score = uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? scoreWithExtraCredit : uncurvedScore;
const final = getGradeForScore(score);
process.stdout.write(JSON.stringify({ grade: final.grade, score: final.score, tests }));
