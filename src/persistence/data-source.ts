import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './database-options';

/** For the TypeORM CLI: `npx typeorm -d dist/src/persistence/data-source.js migration:show`. */
export default new DataSource(dataSourceOptions(loadConfig().database));
