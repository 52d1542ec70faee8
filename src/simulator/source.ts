/** The generator's tenant as a simulator source: the same data `portal-pulse generate` writes. */
import { agents, createGenerator, helpCenterArticles, ticketComments, ticketsForScale } from '../generator';
import type { TenantSource } from './tenant';

export function generatorSource(seed: number, scale: string): TenantSource {
  const generator = createGenerator({ seed, tickets: ticketsForScale(scale) });
  return {
    records: generator.records(),
    agents: agents(seed),
    articles: helpCenterArticles(seed),
    comments: (ticket) => ticketComments(ticket, seed),
  };
}
