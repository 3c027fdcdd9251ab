/**
 * The 43 territorial police force areas of England and Wales, where the Victims' Code
 * applies, with their resident populations in thousands (ONS mid-year estimates, rounded;
 * the City of London's is its own). The generator adds the ones a database lacks when asked
 * for a national spread (`--areas`), and spreads crimes over areas in proportion to
 * population (the City of London, with few residents and many workers, weighted up).
 */
export const POLICE_FORCE_AREAS: ReadonlyArray<{ code: string; name: string; population: number }> = [
  { code: 'metropolitan', name: 'Metropolitan Police', population: 8_870 },
  { code: 'west-midlands', name: 'West Midlands', population: 2_940 },
  { code: 'greater-manchester', name: 'Greater Manchester', population: 2_870 },
  { code: 'thames-valley', name: 'Thames Valley', population: 2_420 },
  { code: 'west-yorkshire', name: 'West Yorkshire', population: 2_350 },
  { code: 'hampshire', name: 'Hampshire and Isle of Wight', population: 2_010 },
  { code: 'kent', name: 'Kent', population: 1_870 },
  { code: 'essex', name: 'Essex', population: 1_850 },
  { code: 'avon-and-somerset', name: 'Avon and Somerset', population: 1_800 },
  { code: 'devon-and-cornwall', name: 'Devon and Cornwall', population: 1_790 },
  { code: 'sussex', name: 'Sussex', population: 1_710 },
  { code: 'lancashire', name: 'Lancashire', population: 1_530 },
  { code: 'northumbria', name: 'Northumbria', population: 1_480 },
  { code: 'merseyside', name: 'Merseyside', population: 1_430 },
  { code: 'south-yorkshire', name: 'South Yorkshire', population: 1_410 },
  { code: 'south-wales', name: 'South Wales', population: 1_340 },
  { code: 'west-mercia', name: 'West Mercia', population: 1_310 },
  { code: 'hertfordshire', name: 'Hertfordshire', population: 1_200 },
  { code: 'surrey', name: 'Surrey', population: 1_210 },
  { code: 'nottinghamshire', name: 'Nottinghamshire', population: 1_170 },
  { code: 'staffordshire', name: 'Staffordshire', population: 1_140 },
  { code: 'leicestershire', name: 'Leicestershire', population: 1_120 },
  { code: 'cheshire', name: 'Cheshire', population: 1_080 },
  { code: 'derbyshire', name: 'Derbyshire', population: 1_060 },
  { code: 'humberside', name: 'Humberside', population: 940 },
  { code: 'norfolk', name: 'Norfolk', population: 920 },
  { code: 'cambridgeshire', name: 'Cambridgeshire', population: 900 },
  { code: 'north-yorkshire', name: 'North Yorkshire', population: 840 },
  { code: 'northamptonshire', name: 'Northamptonshire', population: 790 },
  { code: 'dorset', name: 'Dorset', population: 780 },
  { code: 'lincolnshire', name: 'Lincolnshire', population: 770 },
  { code: 'suffolk', name: 'Suffolk', population: 760 },
  { code: 'wiltshire', name: 'Wiltshire', population: 730 },
  { code: 'north-wales', name: 'North Wales', population: 700 },
  { code: 'bedfordshire', name: 'Bedfordshire', population: 690 },
  { code: 'gloucestershire', name: 'Gloucestershire', population: 650 },
  { code: 'durham', name: 'Durham', population: 640 },
  { code: 'warwickshire', name: 'Warwickshire', population: 600 },
  { code: 'gwent', name: 'Gwent', population: 600 },
  { code: 'cleveland', name: 'Cleveland', population: 570 },
  { code: 'dyfed-powys', name: 'Dyfed-Powys', population: 520 },
  { code: 'cumbria', name: 'Cumbria', population: 500 },
  { code: 'city-of-london', name: 'City of London', population: 100 },
];

/** An area's share of crimes: its population, or a middling force's for an area not listed. */
export function areaWeight(code: string): number {
  return POLICE_FORCE_AREAS.find((area) => area.code === code)?.population ?? 1_000;
}
