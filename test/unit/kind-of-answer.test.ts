import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { tag } from '../../src/core/nlp';
import { answerCue, focusOf } from '../../src/core/question';
import { buildIndex } from '../../src/core/search-index';
import { articleText, oneArticleIndex, sharedThesaurus, textFile } from '../helpers';

// A readout whose closest passages name no crew member: only dates, figures and places.
const readout = buildIndex(
  buildCorpus([
    textFile(
      'readout.md',
      articleText(
        { id: 'readout', title: 'Ministers discuss detained fishermen', published: '2026-02-24' },
        'Ministers discuss detained fishermen\n\n' +
          [
            'JAKARTA, February 24 (MOFA) - Foreign Minister Sari spoke by telephone with her Philippine counterpart on Monday.',
            'She said consular officials had visited the 46 crew members on February 19, and that the fisherman injured during the interception had left hospital on February 21.',
            'The injured crew member was the second of the 46 men to leave hospital.',
            'The two ministers agreed to continue close communication.',
          ].join(' '),
      ),
    ),
  ]),
);

describe('a short answer of the kind asked', () => {
  it('a question asking for a name or a person is not answered by a date or a figure', () => {
    for (const question of ['What is the name of the crew member injured during the interception?', 'Who was the fisherman injured during the interception?']) {
      const answer = ask(readout, question);
      const short = answer.short?.text ?? '';
      const dates = tag(short).entities.filter((e) => ['DATE', 'CARDINAL', 'ORDINAL'].includes(e.type));
      expect({ question, short, dates }).toEqual({ question, short, dates: [] });
    }
  });

  it('a question asking where is not answered by a time, even one running past the recognizer\'s ("Wednesday morning")', () => {
    const storm = oneArticleIndex(
      { id: 'storm', title: 'Storm nears the coast', published: '2022-09-27' },
      'Storm nears the coast\n\nStorm-force winds are expected along the southwest coast of the state beginning Wednesday morning with heavy rain overnight. Residents were told to leave.',
    );
    for (const question of ['Where did the storm make landfall in the state?', 'Where did the storm hit the state?']) {
      const short = ask(storm, question).short?.text;
      // No time, nor a phrase ending in one ("heavy rain overnight"); the scorer may still pick no place at all.
      expect({ question, short }).toEqual({ question, short: short === undefined ? undefined : expect.not.stringMatching(/Wednesday|morning|overnight/) });
    }
    // A place may begin with a word the recognizer takes for a day.
    const island = oneArticleIndex({ id: 'island', title: 'Refugees moved', published: '2022-09-27' }, 'Refugees moved\n\nThe refugees were taken to Christmas Island by the navy. They were fed.');
    expect(ask(island, 'Where were the refugees taken by the navy?').short?.text).toBe('Christmas Island');
    const palace = oneArticleIndex({ id: 'palace', title: 'Emperor flees', published: '1860-10-06' }, 'Emperor flees\n\nThe emperor fled to the Summer Palace with his court. The city fell.');
    expect(ask(palace, 'Where did the emperor flee with his court?').short?.text).toBe('Summer Palace');
  });

  it('nor by the dateline, which says where the story was filed', () => {
    const results = oneArticleIndex(
      { id: 'results', title: 'Calder Home profit falls', published: '2026-03-05' },
      'Calder Home profit falls\n\nLONDON, March 5 (Meridian News) - British homewares retailer Calder Home Group reported an 18 percent fall in annual pre-tax profit on Thursday. The group will close 40 stores.',
    );
    const dateline = 'LONDON, March 5 (Meridian News) - '.length;
    for (const question of ['Which city is Calder Home Group in?', 'Who runs Calder Home?', 'Where is Calder Home Group based?']) {
      const answer = ask(results, question);
      expect(answer.passages[0]?.text).toContain('LONDON');
      const short = answer.short;
      expect({ question, short: short?.text, inDateline: short !== undefined && short.passage === 0 && short.start < dateline }).toEqual({ question, short: short?.text, inDateline: false });
    }
  });

  it('a question asking for a date is not answered by a year or a month alone, though the passage names a day elsewhere', () => {
    const summit = oneArticleIndex(
      { id: 'summit', title: 'Leaders plan a summit', published: '2026-02-24' },
      'Leaders plan a summit\n\nOn Monday, officials said the summit of the two leaders will be held later this year in Jakarta. The ministers praised the fishermen.',
    );
    const answer = ask(summit, 'On what date will the summit of the two leaders be held?');
    // Before: "this year".
    expect(answer.passages[0]?.text).toContain('later this year');
    expect(answer.short?.text).toBeUndefined();
    // Asked for a year, the same passage gives it.
    expect(ask(summit, 'What year will the summit of the two leaders be held?').short?.text).toBe('this year');
  });

  it('a question that asks for no time is not answered by a date: the likeliest span of another kind is', () => {
    const museum = oneArticleIndex(
      { id: 'museum', title: 'The museum reopens' },
      'The museum reopens\n\nOne of the rarest items in the hall is the Calder Lamp, dated to c1110, made from gilt bronze. ' +
        'The Kessler gallery of Thai art opened in December 1986. The chemist Amos Hale (1641–1679) called the gas spiritus ignis.',
    );
    // Before: "December" and "c1110".
    expect(ask(museum, 'Which company is the gallery of Thai art named after?').short?.text).toBe('Kessler');
    const material = ask(museum, 'Which material is the Calder Lamp made from?').short?.text;
    expect(material).toBeDefined();
    expect(material).not.toBe('c1110');
  });

  it('"Which <noun>" is answered by the name the noun stands before, not by the noun with it; a noun that is part of the name stays', () => {
    const index = oneArticleIndex(
      { id: 'notes', title: 'Notes from the week' },
      'Notes from the week\n\nThe below is attributable to Principal Deputy Spokesperson Vedant Patel. ' +
        'The probe was built to study the planet Skaro. ' +
        'The team camped on the shore of Lake Baikal.',
    );
    expect(ask(index, 'Which spokesperson is the readout attributable to?').short?.text).toBe('Vedant Patel');
    expect(ask(index, 'Which planet was the probe built to study?').short?.text).toBe('Skaro');
    expect(ask(index, 'Which lake did the team camp beside?').short?.text).toBe('Lake Baikal');
  });

  it('"Which <noun>" is not answered by a day dating the noun, nor by the subject of a clause about a thing', () => {
    const index = oneArticleIndex(
      { id: 'week', title: 'The week' },
      'The week\n\nThe Senate passed the infrastructure bill Tuesday after weeks of talks. The document Reuters reviewed shows the army planned the offensive.',
    );
    expect(ask(index, 'Which bill did the Senate pass after weeks of talks?').short?.text).not.toBe('Tuesday');
    expect(ask(index, 'Which document shows the army planned the offensive?').short?.text).not.toBe('Reuters');
  });

  it('a name with particles is answered whole', () => {
    const riyadh = oneArticleIndex(
      { id: 'riyadh', title: 'Leaders meet in Riyadh', published: '2026-02-10' },
      'Leaders meet in Riyadh\n\nEuropean Commission President Ursula von der Leyen met Crown Prince Mohammed bin Salman in Riyadh on Monday. Ludwig van Beethoven wrote nine symphonies.',
    );
    // Before: "Ursula" for both people, and "Beethoven".
    expect(ask(riyadh, 'Who is the president of the European Commission?').short?.text).toBe('Ursula von der Leyen');
    expect(ask(riyadh, 'Who did von der Leyen meet in Riyadh?').short?.text).toBe('Mohammed bin Salman');
    expect(ask(riyadh, 'Who wrote nine symphonies?').short?.text).toBe('Ludwig van Beethoven');
  });

  it('"What did X call Y?" is answered by what follows the verb and its object, though the tagger reads "call" in the question as a noun', () => {
    const museum = oneArticleIndex(
      { id: 'chemist', title: 'A chemist remembered' },
      'A chemist remembered\n\nThe chemist Amos Hale (1641–1679) called the gas spiritus ignis. The company called its new phone the Voltra.',
    );
    // Before: "1641".
    expect(ask(museum, 'What did Amos Hale call the gas?').short?.text).toBe('spiritus ignis');
    expect(ask(museum, 'What did the company call its new phone?').short?.text).toBe('the Voltra');
  });

  it('takes the last of a run of nouns after the subject for the verb ("the power plant release")', () => {
    const focus = (question: string) => focusOf('OBJECT', tag(question).tokens, answerCue(question)!, (word) => sharedThesaurus().isVerb(word));
    expect(focus('What did the power plant release?')).toBe('release');
    expect(focus('What did Amos Hale call the gas?')).toBe('call');
    expect(focus('What do petrologists use electron microprobes for?')).toBe('use');
  });

  it('a question naming no kind of answer may be answered by a time', () => {
    const election = oneArticleIndex(
      { id: 'election', title: 'Election set', published: '2026-02-10' },
      'Election set\n\nThe general election will take place on November 5, the commission said. The deadline for bids on the port contract is March 31, the ministry said. ' +
        'The former governor was sentenced to 15 years in prison.',
    );
    expect(ask(election, 'What is the date of the general election?').short?.text).toBe('November 5');
    expect(ask(election, "What's the date of the general election?").short?.text).toBe('November 5');
    expect(ask(election, 'What is the deadline for bids on the port contract?').short?.text).toBe('March 31');
    expect(ask(election, 'What was the former governor sentenced to?').short?.text).toBe('15 years');
  });

  it('asked for a day, a passage whose closest time names none gives no short answer, nor does a later one about another event', () => {
    const talks = oneArticleIndex(
      { id: 'doha', title: 'Talks to resume', published: '2026-02-10' },
      'Talks to resume\n\nThe peace talks in Doha will resume later this month, a mediator said. The previous round of talks collapsed on January 14 after two days.',
    );
    for (const question of ['On what date will the peace talks in Doha resume?', 'What day will the peace talks resume?']) {
      const answer = ask(talks, question);
      expect(answer.passages[0]?.text).toContain('later this month');
      expect({ question, short: answer.short?.text }).toEqual({ question, short: undefined });
    }
    // Nor is what is left of the question's own time ("this" of "this year") the closest.
    const festival = oneArticleIndex({ id: 'diwali', title: 'Festival season', published: '2026-02-10' }, 'Festival season\n\nThe Diwali festival falls on November 12 this year. Shops expect record sales.');
    expect(ask(festival, 'What day does the Diwali festival fall on this year?').short?.text).toBe('November 12');
  });

  it('a short answer is whole words, though the tagger splits a word at a letter it does not know', () => {
    const family = oneArticleIndex(
      { id: 'family', title: 'The inventor' },
      'The inventor\n\nIn 1862 the family moved to Gospić, a town in the mountains. His teacher Martin Sekulić taught him mathematics.',
    );
    // Before: "Gospi" and "Martin Sekuli".
    expect(ask(family, 'Where did the family move in 1862?').short?.text).toBe('Gospić');
    expect(ask(family, 'Who taught the inventor mathematics?').short?.text).toBe('Martin Sekulić');
  });

  it('a single letter answers only a question asking for a letter, a symbol or a numeral', () => {
    const bowl = oneArticleIndex(
      { id: 'bowl', title: 'The final' },
      'The final\n\nThe league stopped using Roman numerals, a practice started at the Super Bowl V, and the game was named Super Bowl 50 as opposed to Super Bowl L.',
    );
    // Before: "L".
    const place = ask(bowl, 'Where did the Super Bowl 50 take place?').short?.text;
    expect(place).toBeDefined();
    expect(place).not.toBe('L');
    const oxygen = oneArticleIndex({ id: 'oxygen', title: 'Oxygen' }, 'Oxygen\n\nOxygen is a chemical element with symbol O and atomic number 8.');
    expect(ask(oxygen, 'What is the chemical symbol of oxygen?').short?.text).toBe('O');
  });

  it('a name that is also a stop word in lower case ("US", "May") stays a candidate', () => {
    const plant = oneArticleIndex({ id: 'plant', title: 'Plant opens' }, 'Plant opens\n\nThe plant opened in May in the US, the company said. It built all 40 trucks there.');
    expect(ask(plant, 'In which country did the plant open?').short?.text).toBe('US');
    expect(ask(plant, 'What month did the plant open?').short?.text).toBe('May');
  });

  it('when a statement was made does not answer when what it reports happens, unless the statement is asked about', () => {
    const summit = oneArticleIndex(
      { id: 'summit', title: 'Leaders plan a summit', published: '2026-02-24' },
      'Leaders plan a summit\n\nOn Monday, officials said the summit of the two leaders will be held later this year in Jakarta. The ministers praised the fishermen.',
    );
    // Before: "Monday" for both.
    expect(ask(summit, 'What day will the summit be held?').short).toBeUndefined();
    expect(ask(summit, 'When will the summit be held?').short?.text).toBe('this year');
    expect(ask(summit, 'When did officials announce the summit?').short?.text).toBe('Monday');
    const talks = oneArticleIndex(
      { id: 'talks', title: 'Talks', published: '2026-02-24' },
      'Talks\n\nThe foreign minister told reporters on Tuesday that the talks would resume next week. The bridge reopened on Friday, the council said.',
    );
    expect(ask(talks, 'When will the talks resume?').short?.text).toBe('next week');
    expect(ask(talks, 'When did the foreign minister tell reporters about the talks?').short?.text).toBe('Tuesday');
    expect(ask(talks, 'When did the bridge reopen?').short?.text).toBe('Friday');
  });
});


describe('a question asking why', () => {
  const launch = oneArticleIndex(
    { id: 'launch', title: 'Launch scrubbed', published: '2024-06-01' },
    'Launch scrubbed\n\nThe crewed launch of the Vega capsule was called off on Saturday because the ground computer failed to load, officials said. ' +
      'The crew of 228 returned to their quarters near the Kessler pad. The next attempt is set for Wednesday.',
  );

  it('is answered by the reason the passage gives', () => {
    expect(ask(launch, 'Why was the Vega launch called off?').short?.text).toBe('because the ground computer failed to load');
    expect(ask(launch, 'What caused the Vega launch to be called off?').short?.text).toBe('because the ground computer failed to load');
  });

  it('gets no short answer where the passages give no reason, rather than a name or a figure of them', () => {
    const crew = oneArticleIndex(
      { id: 'crew', title: 'Crew returns', published: '2024-06-01' },
      'Crew returns\n\nThe crew of 228 returned to their quarters near the Kessler pad on Saturday. The next attempt is set for Wednesday.',
    );
    const answer = ask(crew, 'Why did the crew of 228 return to their quarters near the Kessler pad?');
    expect(answer.passages[0]?.text).toContain('returned to their quarters');
    // Before: "quarters".
    expect(answer.short).toBeUndefined();
  });
});

describe('a direction, for "which direction" and "which way"', () => {
  const volcano = oneArticleIndex(
    { id: 'volcano', title: 'Eruption continues on the north flank', published: '2026-03-02' },
    'Eruption continues on the north flank\n\n' +
      [
        'Lava from the upper fissure is flowing north-east, toward the old quarry road.',
        'The gas plume from the vents is being carried westward by the trade winds, away from the North Shore towns.',
        'Crews changed the evacuation plan in a simple way: buses now leave from the school.',
      ].join(' '),
  );

  it('answers with the point of the compass the passage gives', () => {
    expect(ask(volcano, 'Which direction is the lava from the upper fissure flowing?').short?.text).toBe('north-east');
    expect(ask(volcano, 'Which way are the trade winds carrying the gas plume?').short?.text).toBe('westward');
  });

  it('not a direction beginning a name', () => {
    // "North Shore" is a name: the direction asked is "westward".
    expect(ask(volcano, 'In which direction is the gas plume carried, away from the towns?').short?.text).toBe('westward');
  });

  const one = (text: string, question: string) => ask(oneArticleIndex({ id: 'a', title: 'Report' }, `Report\n\n${text}`), question).short?.text;

  it('reads the direction whole, however it is written', () => {
    expect(one('The wheel turns counter clockwise when the brake is off.', 'Which direction does the wheel turn?')).toBe('counter clockwise');
    expect(one('Lava is flowing north\u2013east toward the road.', 'Which direction is the lava flowing?')).toBe('north\u2013east');
    expect(one('The storm moved north-northeast overnight.', 'Which direction did the storm move?')).toBe('north-northeast');
    expect(one('The trains run northbound on the main line after midnight.', 'Which way do the trains run after midnight?')).toBe('northbound');
    // A title in title case, and a day after the direction, make no name of it.
    expect(one('Lava Flows North Toward Quarry Road', 'Which direction does the lava flow?')).toBe('North');
    expect(one('The plume turned North Tuesday after the winds shifted.', 'Which way did the plume turn?')).toBe('North');
  });

  it('asks no direction with "in what way", nor with "which way" and no verb of going', () => {
    expect(one('The economy of the north-east grew by expanding exports of machinery.', 'In what way did the economy grow?')).not.toBe('north-east');
    expect(one('Norvance cut costs by moving its accounting work offshore last year.', 'In what way did Norvance cut costs?')).not.toBe('offshore');
    expect(one('Hale, a Republican from west Texas, voted against the bill.', 'Which way did Senator Hale vote on the bill?')).not.toBe('west');
  });
});

describe('a name going on through "of"', () => {
  it('answers with the whole name, not the part before "of"', () => {
    const index = oneArticleIndex(
      { id: 'tesla', title: 'Tesla in New York' },
      'Tesla in New York\n\nTesla served as vice president of the American Institute of Electrical Engineers from 1892 to 1894.',
    );
    // Before: "American Institute".
    expect(ask(index, 'What organization did Tesla serve as vice president of?').short?.text).toBe('American Institute of Electrical Engineers');
  });
});

describe('a short answer says something the question does not', () => {
  const game = oneArticleIndex(
    { id: 'game', title: 'Broncos win the title', published: '2016-02-08' },
    'Broncos win the title\n\nThe Denver Broncos became the National Football League (NFL) champion on Sunday after beating the Carolina Panthers. Teachers who are supportive spend more time with their students. The Tower District is centered around the historic Tower Theatre. The accord was signed in 2015.',
  );
  const short = (question: string) => ask(game, question).short?.text;

  it('not the question\'s own words, in its order ("more time" for "What do supportive teachers spend more time doing?")', () => {
    expect(short('What do supportive teachers spend more time doing?')).toBe('students');
  });

  it('but a name made of words the question writes apart ("Tower Theatre"), or one of the answers it offers', () => {
    expect(short('The Tower District is centered around which historic theatre?')).toBe('Tower Theatre');
    expect(short('Was the accord signed in 2015 or 2016?')).toBe('2015');
  });

  it('not the expansion of an acronym the question writes, unless it asks for that', () => {
    expect(short('Who did the Broncos beat to become NFL champion?')).toBe('Carolina Panthers');
    expect(short('Which NFL team did the Broncos beat?')).toBe('Carolina Panthers');
    expect(short('What does NFL stand for?')).toBe('National Football League');
    // "full" and "name" ask for a name: articles that never write them may answer.
    expect(ask(game, 'What is the full name of the NFL?')).toMatchObject({ answered: true, short: { text: 'National Football League' } });
  });
});

describe('"What time ...?" answered by a clock reading, with its zone', () => {
  const quake = oneArticleIndex(
    { id: 'quake', title: 'Quake strikes off Java', published: '2023-04-14' },
    'Quake strikes off Java\n\nThe agency says the quake struck at 4:55 p.m. local time (0955 GMT) on Friday, deep under the sea. ' +
      'Officials said that this morning at 8:14 local time, rescuers received confirmation that the port was safe. ' +
      'Tea is served at 10 o\'clock in the shelters.',
  );

  it.each([
    ['What time did the quake strike?', '4:55 p.m. local time'],
    ['At what time did rescuers receive confirmation that the port was safe?', '8:14 local time'],
    ['What time is tea served in the shelters?', "10 o'clock"],
  ])('%s -> %s, not a part of the day ("this morning")', (question, time) => {
    expect(ask(quake, question).short?.text).toBe(time);
  });

  it('reads a time in GMT written in four figures whole, and nothing after it', () => {
    const gmt = oneArticleIndex({ id: 'gmt', title: 'Quake strikes' }, 'Quake strikes\n\nThe quake struck at 0955 GMT on Friday, deep under the sea.');
    expect(ask(gmt, 'What time did the quake strike?').short?.text).toBe('0955 GMT');
  });
});

describe('"Which <noun> ...?" where the noun is inside a name: the whole name', () => {
  const union = oneArticleIndex(
    { id: 'union', title: 'Union suspends member' },
    'Union suspends member\n\nThe AU Peace and Security Council decided on Monday to suspend the country. ' +
      'The ministers also discussed the Global Coalition to Defeat ISIS and the harbour talks.',
  );

  it.each([
    ['Which council decided to suspend the country?', 'AU Peace and Security Council'],
    ['Which coalition did the ministers discuss?', 'Global Coalition to Defeat ISIS'],
  ])('%s -> %s, through the small words of the name', (question, name) => {
    expect(ask(union, question).short?.text).toMatch(new RegExp(`^(?:the )?${name}$`));
  });
});

describe('"since <date>" gives the date something began', () => {
  const call = oneArticleIndex(
    { id: 'call', title: 'Secretary speaks with General Osei', published: '2021-11-02' },
    'Secretary speaks with General Osei\n\nThe Secretary urged General Osei to immediately release all political figures detained since October 25 and return to a dialogue. ' +
      'The talks have stalled since then.',
  );

  it.each(['Since when have the political figures been detained?', 'When were the political figures detained?'])('%s -> October 25, not the length of time', (question) => {
    expect(ask(call, question).short?.text).toBe('October 25');
  });
});

describe('"Which <noun> ...?" answered with a compound modifier joined by a dash', () => {
  const call = oneArticleIndex(
    { id: 'call', title: 'Secretary speaks with President Mensah' },
    'Secretary speaks with President Mensah\n\nThe Secretary stressed the continuing importance of the U.S.-Ghana bilateral partnership. ' +
      'He also praised the U.S. – Ghana trade agreement.',
  );

  it.each([
    ['Which partnership did the Secretary call important?', 'U.S.-Ghana bilateral partnership'],
    ['Which agreement did he praise?', 'U.S. – Ghana trade agreement'],
  ])('%s -> %s, not only the words after the dash', (question, phrase) => {
    const short = ask(call, question).short?.text ?? '';
    expect(short.replace(/^the /, '')).toBe(phrase);
  });
});

describe('"Which <noun> ...?" for a kind of organization, answered by an organization\'s name', () => {
  const vote = oneArticleIndex(
    { id: 'vote', title: 'Tamlan president wins re-election' },
    "Tamlan president wins re-election\n\nTamlan President Ada Mensah has won re-election in a poll that has been condemned by the region's main economic bloc. " +
      'Election officials announced Friday that Mrs. Mensah had won with 72 percent of the vote. ' +
      'The Economic Community of West African States said this week the vote cannot be considered fair. ' +
      'The tallest building in Lumo is the Bank of Westland Tower, built in 1990 as the Barnett Center. It has a height of 617 ft and includes 42 floors.',
  );

  it.each([
    // Before: "Mrs. Mensah", the officials' sentence first (the recognizer read "West" as a place, and no organization).
    ['Which regional group said the Tamlan vote was not fair?', 'Economic Community of West African States'],
    ['Which organization said the Tamlan vote was not fair?', 'Economic Community of West African States'],
  ])('%s -> %s', (question, expected) => {
    const answer = ask(vote, question);
    expect(answer.short?.text).toBe(expected);
    expect(answer.passages[0]?.text).toMatch(/^The Economic Community/);
  });

  it('a sentence saying "it" still holds the name before it, now read as an organization\'s', () => {
    // "the Bank of Westland Tower" was a place, "Westland", after "of"; as an organization
    // it stands for "It" only because organizations do too.
    const answer = ask(vote, 'How tall is the Bank of Westland Tower?');
    expect(answer.passages[0]?.text).toMatch(/^It has a height/);
    expect(answer.short?.text).toBe('617 ft');
  });
});

it('"Which <noun> ...?" is answered without a demonstrative before the noun\'s phrase', () => {
  const schools = oneArticleIndex(
    { id: 'schools', title: 'Schools in Norland' },
    'Schools in Norland\n\nNorland adopted a school voucher model in 1992. This innovative school voucher model lets pupils choose a free school.',
  );
  // Before: "This innovative school voucher model".
  expect(ask(schools, 'Which school model lets pupils choose a free school?').short?.text).toBe('innovative school voucher model');
});
