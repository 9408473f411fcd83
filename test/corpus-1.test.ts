// Corpus sweep, shard 1 of 4 (see test/helpers/corpus-shard.ts): parse every real statute in ../shared/corpus.
import { corpusShard } from './helpers/corpus-shard.js';

corpusShard(1);
