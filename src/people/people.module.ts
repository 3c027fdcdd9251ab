import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import { PersonFactsListeners } from './person-facts.js';

@Module({
  controllers: [PeopleController],
  providers: [PeopleService, PeopleRepository, PersonFactsListeners],
  exports: [PeopleService, PersonFactsListeners],
})
export class PeopleModule {}
