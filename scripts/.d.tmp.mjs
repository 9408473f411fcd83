import { src } from '/tmp/gc/try.mjs';
