/**
 * Short answers to "how many" and "how much": the figure with the words that say how exact
 * it is, and money written with a currency sign.
 */
import { ask } from '../../src/core/answer';
import { tag } from '../../src/core/nlp';
import { figureEnd, figureStart } from '../../src/core/short-answer';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'results', title: 'Harlow Foods reports a record quarter' },
  'Harlow Foods reports a record quarter\n\nHarlow Foods employs roughly 9,800 people at its four plants. ' +
    'The company said up to 40 stores would open next year. ' +
    'Rovers paid £18 million for the striker in January. ' +
    'Storms could leave rural homes without power for up to five days. ' +
    'The plant in Tema produced 120 tonnes of cocoa.',
);

describe('numbers, as the passage gives them', () => {
  it.each([
    ['How many people does Harlow Foods employ?', 'roughly 9,800'],
    ['How many stores will open next year?', 'up to 40'],
    ['How much did Rovers pay for the striker?', '£18 million'],
    ['How long could rural homes be without power?', 'up to five days'],
    ['How many tonnes of cocoa did the plant in Tema produce?', '120'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(index, question).short?.text).toBe(expected);
  });
});

describe('a figure is all of it: a fraction, a range', () => {
  const season = oneArticleIndex(
    { id: 'season', title: 'A season in numbers' },
    'A season in numbers\n\nThe defensive end Kofi Mensah had 5½ sacks in the final. The siege cost the town 30 to 50 thousand inhabitants. ' +
      'Forecasters expect the river to rise between 1.4 and 5.8 metres by Friday. The league drew 3–4 million viewers a week. ' +
      'Elders serve a term of 2–3 years before their ordination. The death toll from the floods rose from 12 to 40 on Sunday.',
  );
  it.each([
    // Before: "5", "30", "1.4" and "3".
    ['How many sacks did Kofi Mensah have in the final?', '5½'],
    ['How many inhabitants did the siege cost the town?', '30 to 50 thousand'],
    ['How much is the river expected to rise by Friday?', 'between 1.4 and 5.8 metres'],
    ['How many viewers did the league draw a week?', '3–4 million'],
    ['How many years do elders serve before their ordination?', '2–3'],
    // What a figure changed to, not from.
    ['What was the death toll from the floods?', '40'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(season, question).short?.text).toBe(expected);
  });
});

describe('a figure with its unit, unless the question names it', () => {
  const eruption = oneArticleIndex(
    { id: 'eruption', title: 'Eruption update' },
    'Eruption update\n\nSulfur dioxide emission rates of approximately 250,000 tonnes per day were measured on Monday. ' +
      'The storm surge inundation amounts for the area have been increased to 3 to 5 ft. ' +
      'The flow front was 4 kilometres from the highway on Tuesday. ' +
      'The lava covered 16 km of the road. ' +
      'The volcano shot out a cloud of ash more than eight kilometers high on Monday. ' +
      'The volcano released about 12,000 tons of ash overnight. ' +
      'The lava buried nearly 300 acres of farmland. ' +
      'Each of the new street lamps draws 60 watts at night.',
  );
  it.each([
    // Before: "approximately 250,000", "3 to 5".
    ['How much sulfur dioxide did the volcano emit?', 'approximately 250,000 tonnes per day'],
    ['How much storm surge flooding is expected in the area?', '3 to 5 ft'],
    // The question names what is counted, or the unit otherwise written: the figure alone.
    ['How many kilometres from the highway was the flow front?', '4'],
    ['How much of the road did the lava cover, in kilometres?', '16'],
    ['How much of the road did the lava cover?', '16 km'],
    // A figure in words too.
    ['How high did the ash cloud reach?', 'more than eight kilometers'],
    // A unit whose plural is a word of its own ("tons of", a great number; Watts the place).
    ['How much ash did the volcano release?', 'about 12,000 tons'],
    ['How much farmland did the lava bury?', 'nearly 300 acres'],
    ['How much power does each lamp draw?', '60 watts'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(eruption, question).short?.text).toBe(expected);
  });

  it('takes no modifier of the next noun, no name and no count the question names for a unit, and no source or "cent" for what it is per', () => {
    const trade = oneArticleIndex(
      { id: 'trade', title: 'Trade' },
      'Trade\n\nThe ship carried 250,000 metric tons of grain to the port. The farm planted 200 palm trees along the river. ' +
        'The company sold 5,000 Tesla shares in the deal. Exports rose to about 7,000 tonnes per Reuters estimates. The mill ground 90 tonnes of wheat.',
    );
    expect(ask(trade, 'How much grain did the ship carry to the port?').short?.text).toBe('250,000');
    expect(ask(trade, 'How many were planted along the river by the farm?').short?.text).toBe('200');
    expect(ask(trade, 'How many did the company sell in the deal?').short?.text).toBe('5,000');
    expect(ask(trade, 'How much did exports rise to?').short?.text).toBe('about 7,000 tonnes');
    expect(ask(trade, 'How many tonnes of wheat did the mill grind?').short?.text).toBe('90');
  });

  it('takes no function word for a unit ("in" is also an inch)', () => {
    const drive = oneArticleIndex({ id: 'drive', title: 'The drive' }, 'The drive\n\nNewton was sacked 7 in the first half.');
    expect(ask(drive, 'How many times was Newton sacked?').short?.text).toBe('7');
  });
});

describe('figureStart', () => {
  it.each([
    ['serve a term of 2–3 years', '3', '2–3'],
    // A dash with spaces, a date's day and a score open no range.
    ['late on March 5 - 40 homes were destroyed', '40', '40'],
    ['talks on March 5-6 drew 40 delegates', '6', '6'],
    ['Rovers lost 1-2 at home', '2', '2'],
  ])('in "%s", %s is %s', (text, figure, whole) => {
    const at = text.lastIndexOf(figure);
    expect(text.slice(figureStart(text, at, 0, tag(text).entities), at + figure.length)).toBe(whole);
  });
});

describe('figureEnd', () => {
  it.each([
    ['had 5½ sacks', '5', '5½'],
    ['lost 30 to 50 thousand inhabitants', '30', '30 to 50 thousand'],
    ['drew 3–4 million viewers', '3', '3–4 million'],
    ['rose between 1.4 and 5.8 metres', '1.4', '1.4 and 5.8'],
    // "and" joins a range only after "between"; a score or a vote does not rise.
    ['rose 1.4 and 5.8 metres', '1.4', '1.4'],
    ['Rovers won 2-1 at home', '2', '2'],
    ['the council voted 7 to 2 for it', '7', '7'],
    ['were outgained 315 to 194 yards', '315', '315'],
    ['each chapter has ten to fifteen authors', 'ten', 'ten to fifteen'],
    ['a budget of $400,000–$450,000 a film', '$400,000', '$400,000–$450,000'],
    ['will cost between $800,000 and $1.2 million', '$800,000', '$800,000 and $1.2 million'],
    ['About 2,000 to 3,000 workers marched', 'About 2,000', 'About 2,000 to 3,000'],
    ['a budget of 5½ million dollars', '5', '5½ million'],
    // A clause's dash, a change, a score and a vote are no ranges; "won" or "lost" with a thing counted may be.
    ['late on March 5 - 40 homes were destroyed', '5', '5'],
    ['the toll rose from 12 to 40', '12', '12'],
    ['Rovers lost 1-2 at home', '1', '1'],
    ['the committee voted 4 to 9 against the bill', '4', '4'],
    ['the party won 30 to 40 seats', '30', '30 to 40'],
  ])('in "%s", %s is %s', (text, figure, whole) => {
    const from = text.indexOf(figure);
    expect(text.slice(from, figureEnd(text, from, from + figure.length, text.length, tag(text).entities))).toBe(whole);
  });
});

describe('what "how many" counts', () => {
  const strike = oneArticleIndex(
    { id: 'strike', title: 'Rail strike enters second day' },
    'Rail strike enters second day\n\nAbout 4,500 workers joined the strike on Tuesday, the union said. ' +
      'Westline ran 140 of its 610 weekday trains on Tuesday. ' +
      'The line was closed for ten days in 2019 after a landslide. ' +
      'Drivers were offered a five-year deal worth £12 million.',
  );

  it.each([
    // The figure that counts trains, not the one that counts workers.
    ['How many trains did Westline run on Tuesday?', '140'],
    ['How many workers joined the strike?', 'About 4,500'],
    // A length of time in the unit asked for.
    ['How many days was the line closed in 2019?', 'ten'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(strike, question).short?.text).toBe(expected);
  });

  it.each([
    // Before, "About 4,500" (workers), "610" (trains) and "five" (a five-year deal).
    'How many passengers joined the strike?',
    'How many jobs were cut on Tuesday?',
    'How many drivers were offered a deal?',
  ])('declines %s: no figure counts what is asked', (question) => {
    const answer = ask(strike, question);
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no number');
  });
});

describe('a share asked ("what percentage of", "what share of")', () => {
  const plague = oneArticleIndex(
    { id: 'plague', title: 'The plague' },
    'The plague\n\nThe genome of the bacterium shows how the plague spread among victims within days. ' +
      'Left untreated, 80 percent of those infected die within eight days. The disease reached the port in 1347.',
  );

  it.each([
    // Before: "spread".
    ['What share of the plague victims died?', '80 percent'],
    ['What percentage of plague victims die within eight days?', '80 percent'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(plague, question).short?.text).toBe(expected);
  });

  it('is a percentage or a fraction, not a count nor a year', () => {
    const vote = oneArticleIndex(
      { id: 'vote', title: 'Mensah re-elected' },
      'Mensah re-elected\n\nIn 2016/17, 4,000 polling stations opened, and 22 per cent of them opened late.',
    );
    expect(ask(vote, 'What percentage of polling stations opened late?').short?.text).toBe('22 per cent');
  });
});

describe('"how many" with a people\'s name in the plural', () => {
  const search = oneArticleIndex(
    { id: 'search', title: 'First bodies recovered' },
    'First bodies recovered\n\nBrazilian crews have recovered the first bodies from the plane that disappeared hundreds of kilometers off the coast. ' +
      'Brazilian authorities said 228 passengers and crew were on the flight.',
  );

  it('counts people of that name, not the distance nor the passengers', () => {
    // Before: "hundreds" (of kilometers).
    const answer = ask(search, 'How many Brazilians were aboard the plane?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no number');
  });
});

describe('a figure that names a thing, not a count', () => {
  const crash = oneArticleIndex(
    { id: 'crash', title: 'Search widens' },
    'Search widens\n\nSearch crews found debris from the Airbus 330 200-series jet of Flight 447. ' +
      'He says 14 planes are being used in the search. The plague struck Venice 22 times in two centuries.',
  );

  it('is not the answer to "how many": "Airbus 330", "Flight 447"', () => {
    const planes = ask(crash, 'How many planes are taking part in the search?');
    expect(planes.short?.text).toBe('14');
    expect(planes.passages[0]?.text).toContain('14 planes');
    const unsaid = oneArticleIndex({ id: 'unsaid', title: 'Search goes on' }, 'Search goes on\n\nThe search for Flight 447 involves planes from Brazil and France.');
    const answer = ask(unsaid, 'How many planes are in the search for the flight?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no number');
  });

  it('counts in a headline in title case, and after a time or a place', () => {
    const quake = oneArticleIndex(
      { id: 'quake', title: 'Quake Kills 300 in Eastern Province' },
      'Quake Kills 300 in Eastern Province\n\nRescuers searched the rubble. On Tuesday 45 were arrested for looting.',
    );
    expect(ask(quake, 'How many did the quake kill in Eastern Province?').short?.text).toBe('300');
    expect(ask(quake, 'How many were arrested for looting?').short?.text).toBe('45');
  });

  it('counts when a noun follows it ("Venice 22 times"), and a noun before the head names what is counted ("six soundtrack releases")', () => {
    expect(ask(crash, 'How many times did the plague strike Venice?').short?.text).toBe('22');
    const albums = oneArticleIndex({ id: 'albums', title: 'Albums' }, 'Albums\n\nSix soundtrack releases have come out since 2005. The Series 5 soundtrack came out in 2010.');
    expect(ask(albums, 'How many soundtracks have come out since 2005?').short?.text).toBe('Six');
    // Not a modifier of any noun: "200 train drivers" counts no trains.
    const strike = oneArticleIndex({ id: 'strike', title: 'Strike' }, 'Strike\n\nThe strike by 200 train drivers disrupted services.');
    const trains = ask(strike, 'How many trains were disrupted?');
    expect(trains.answered).toBe(false);
    expect(trains.message).toContain('give no number');
  });
});

describe('a figure after "<what is counted> of"', () => {
  const search = oneArticleIndex(
    { id: 'debris', title: 'Debris found' },
    'Debris found\n\nSearch crews on Saturday found debris and the bodies of two males from the missing jet. ' + 'The search involves 14 planes and three ships.',
  );

  it('counts what is named before "of" ("the bodies of two males" counts bodies)', () => {
    // Before: declined, "the closest passages, below, give no number".
    const answer = ask(search, 'How many bodies did search crews find on Saturday?');
    expect(answer.answered).toBe(true);
    expect(answer.short?.text).toBe('two');
  });
});

describe('a figure that says nothing of what it counts', () => {
  const bare = oneArticleIndex(
    { id: 'bare', title: 'Westline runs a reduced service' },
    'Westline runs a reduced service\n\nWestline ran just 85 on Monday, the company said. Its trains were crowded all day.',
  );

  it('counts what its article mentions', () => {
    expect(ask(bare, 'How many trains did Westline run on Monday?').short?.text).toBe('85');
  });

  it('does not count what its article never mentions', () => {
    const answer = ask(bare, 'How many passengers did Westline run on Monday?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no number');
  });
});

describe('a quantity asked by its noun', () => {
  const deal = oneArticleIndex(
    { id: 'deal', title: 'Carver to buy Pell Freight' },
    'Carver to buy Pell Freight\n\nCarver Logistics agreed on Monday to buy Pell Freight for about $3.1 billion. Pell Freight employs 6,000 drivers.',
  );
  const results = oneArticleIndex(
    { id: 'results', title: 'Pell Freight profit rises' },
    'Pell Freight profit rises\n\nPell Freight said its profit rose to $240 million last year.',
  );

  it('is not answered by a figure in an article that never mentions it (the price of a deal is no profit)', () => {
    // Before: "6,000".
    const answer = ask(deal, "What was Pell Freight's profit?");
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no number');
    expect(answer.short).toBeUndefined();
  });

  it('is answered in an article that mentions it', () => {
    expect(ask(results, "What was Pell Freight's profit last year?").short?.text).toBe('$240 million');
  });

  it('a value asked is a figure in points, not a count of things', () => {
    const index = oneArticleIndex(
      { id: 'markets', title: 'Tokyo shares close higher' },
      'Tokyo shares close higher\n\nThree brokers said trading was calm. The Nikkei share average closed at 38,450 points, up 1.2 percent.',
    );
    expect(ask(index, 'What was the value of the Nikkei at the close?').short?.text).toBe('38,450 points');
  });

  it('a value asked is a sum of money, with its currency, not a figure of something else', () => {
    const trade = oneArticleIndex(
      { id: 'trade', title: 'Ministers discuss trade' },
      'Ministers discuss trade\n\nThe two ministers exchanged views on the value of trade between the two countries. They noted that two-way trade reached 16.4 billion U.S. dollars.',
    );
    // Before: "two ministers".
    expect(ask(trade, 'What was the value of trade between the two countries?').short?.text).toBe('16.4 billion U.S. dollars');
    expect(ask(trade, "What's the value of trade between the two countries?").short?.text).toBe('16.4 billion U.S. dollars');
  });
});

describe('what a figure counts, read both ways', () => {
  const index = oneArticleIndex(
    { id: 'dalton', title: 'Floods in Dalton' },
    'Floods in Dalton\n\nFloods in Dalton killed 12 people on Sunday. About 3,000 residents were moved to shelters. ' +
      'About 85 were hurt when a school was flooded on Monday. Children and teachers fled the building. ' +
      'Fuel costs rose 12% last year. Driver pay rose 4% in March. Drivers earn £20,427 a year. ' +
      'The council spent 40% of its budget on defences.',
  );

  it.each([
    // "12 people" counts residents too; before, "About 3,000" was taken.
    ['How many residents were killed in Dalton on Sunday?', '12'],
    // The article writes "Children", the plural of the counted noun.
    ['How many children were hurt on Monday?', 'About 85'],
    // A noun "costs", or "pay" before "rise", asks no price: a change.
    ['How much did fuel costs rise last year?', '12%'],
    ['How much did driver pay rise in March?', '4%'],
    ['How much do drivers earn?', '£20,427'],
    // "How much of" asks a share.
    ['How much of its budget did the council spend on defences?', '40%'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(index, question).short?.text).toBe(expected);
  });
});

describe('"What magnitude ...?" asks for a figure, not the phrase around the noun', () => {
  const quake = oneArticleIndex(
    { id: 'quake', title: 'Quake strikes off Java' },
    'Quake strikes off Java\n\nThe national agency measured a preliminary magnitude of 6.6 for the quake. ' +
      'In November, a 5.6 magnitude earthquake struck near Java killing hundreds.',
  );

  it.each([
    ['What magnitude did the national agency measure for the quake?', '6.6'],
    ['What was the magnitude of the quake that killed hundreds near Java in November?', '5.6'],
  ])('%s -> %s', (question, figure) => {
    expect(ask(quake, question).short?.text).toBe(figure);
  });
});

describe('what a figure measures or does to people is no count of other things', () => {
  const quake = oneArticleIndex(
    { id: 'quake-report', title: 'Strong Quake Strikes Off Java' },
    'Powerful 7.0 Magnitude Quake Strikes Java\n\nThe quake struck at 4:55 p.m. local time (0955 GMT) off the coast of Java. ' +
      'The agency warned of possible aftershocks. ' +
      'In November, a 5.6 magnitude earthquake struck near Java killing hundreds. ' +
      'Floods in 2019 injured at least 40 near the coast.',
  );

  it.each([
    // A bare figure after a verb done to people counts them, their deaths or their injuries
    // (before: declined, the article never writing "people").
    ['How many people did the November earthquake near Java kill?', 'hundreds'],
    ['How many deaths did the November earthquake near Java cause?', 'hundreds'],
    ['How many people did the floods in 2019 injure near the coast?', 'at least 40'],
  ])('%s -> %s', (question, expected) => {
    expect(ask(quake, question).short?.text).toBe(expected);
  });

  it('declines a count of things no figure counts', () => {
    // Before: answered "hundreds" ("killing hundreds"), and figures of the headline's
    // magnitude ("7.0 Magnitude Quake"), of "5.6 magnitude earthquake" and of "0955 GMT"
    // counted earthquakes too.
    for (const question of ['How many aftershocks followed the Java earthquake?', 'How many earthquakes struck Java?']) {
      const answer = ask(quake, question);
      expect(answer.answered).toBe(false);
      expect(answer.message).toContain('give no number');
    }
  });
});

it('"How deep" is not answered by a figure of people ("killing hundreds")', () => {
  const report = oneArticleIndex(
    { id: 'depth', title: 'Deep quake off Java' },
    'Deep quake off Java\n\nIn November, a shallow earthquake struck near Java killing hundreds. ' +
      'The quake on Friday was detected at a depth of 594 kilometers.',
  );
  // Before: "hundreds", the November quake first.
  const answer = ask(report, 'How deep was the earthquake near Java?');
  expect(answer.short?.text).toBe('594 kilometers');
});
