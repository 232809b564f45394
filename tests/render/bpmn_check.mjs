// bpmn_check.mjs — imports a BPMN file with bpmn-moddle (the parser bpmn.io
// uses) and fails on any import warning, or when a flow node or sequence flow
// has no diagram element (it would not be drawn).
// usage: node bpmn_check.mjs NODE_PREFIX FILE...
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [prefix, ...files] = process.argv.slice(2);
// bpmn-moddle is an ES module: import its entry point from the local install.
const entry = path.join(path.resolve(prefix), 'node_modules', 'bpmn-moddle', 'dist', 'index.js');
const mod = await import(pathToFileURL(entry).href);
const BpmnModdle = mod.BpmnModdle || mod.default;
const moddle = new BpmnModdle();

let failed = 0;
for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  if (warnings.length) {
    failed++;
    for (const w of warnings) console.error(`${file}: warning: ${w.message}`);
  }
  const process_ = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process');
  const plane = rootElement.diagrams[0].plane;
  const drawn = new Set(plane.planeElement.map((d) => d.bpmnElement && d.bpmnElement.id));
  const lanes = process_.laneSets[0].lanes;
  for (const el of [...process_.flowElements, ...lanes]) {
    if (!drawn.has(el.id)) {
      failed++;
      console.error(`${file}: ${el.$type} ${el.id} has no BPMNDI element`);
    }
  }
  const nodes = process_.flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow').length;
  console.log(`${file}: ${nodes} flow nodes, ${lanes.length} lanes, ${warnings.length} warnings`);
}
process.exit(failed ? 1 : 0);
