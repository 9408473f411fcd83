import { placeMarker, readMarkers } from '../dist/structure/markers.js';
const levels = [{key:'lower()', ord:[1], node:1, listDepth:0},{key:'int()', ord:[5], node:2, listDepth:0}];
const t = readMarkers('(i) The use').tokens[0]; const n = readMarkers('(aa) A device').tokens[0];
console.log(JSON.stringify(t.cands), JSON.stringify(n.cands));
console.log(placeMarker(levels, t.cands, {listDepth: 0, next: n.cands, chapeau:false}));
