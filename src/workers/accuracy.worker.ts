// The accuracy-by-position worker: exposes one AccuracySession over comlink.
import { expose } from 'comlink';
import { AccuracySession } from '../core/accuracy/session.ts';

expose(new AccuracySession());
