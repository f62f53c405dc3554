import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

const CONSTANT = { id: '00000000-0000-4000-8000-000000000000', state: 'draft', version: 1 };

/** The HTTP baseline: the same route shape as the service's, answering constant JSON. */
@Controller('instances')
class BaselineController {
  @Post(':id/events')
  @HttpCode(200)
  send(@Body() _body: unknown) {
    return CONSTANT;
  }
}

@Module({ controllers: [BaselineController] })
class BaselineModule {}

/** A bare NestJS application on the same Fastify adapter (same options, same /api prefix). */
export async function startBaselineApp(bodyLimitBytes: number): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: bodyLimitBytes, routerOptions: { maxParamLength: 200 } });
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, adapter, { logger: ['error'] });
  app.setGlobalPrefix('api');
  await app.listen(0, '127.0.0.1');
  return app;
}
