import { expose } from 'comlink';
import { createFabricApi } from './fabricApi.ts';

expose(createFabricApi());
