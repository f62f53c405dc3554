import { Module } from '@nestjs/common';
import { InstanceOcdsController, OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

/** Open data (docs/open-data.md): DECP 2.0.3 and OCDS 1.1.5 exports; the CLI uses the same service without HTTP. */
@Module({ controllers: [OpenDataController, InstanceOcdsController], providers: [OpenDataService], exports: [OpenDataService] })
export class OpenDataModule {}
