// Corpus sweep, shard 2 of 4 (see test/helpers/corpus-shard.ts): parse every real statute in ../shared/corpus.
import { corpusShard } from './helpers/corpus-shard.js';

corpusShard(2);
