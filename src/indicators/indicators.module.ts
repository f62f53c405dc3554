import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';

/** Programme indicators over the records (JSON or CSV). */
@Module({ controllers: [IndicatorsController], providers: [IndicatorsService] })
export class IndicatorsModule {}
