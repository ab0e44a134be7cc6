import { ask } from '../../src/core/answer';
import { askedInPast, givesTime, timeAsked, writesTimePlainly, yearOf } from '../../src/core/asked-time';
import { buildCorpus } from '../../src/core/corpus';
import { ledeOf } from '../../src/core/ranking';
import { tag } from '../../src/core/nlp';
import { buildIndex } from '../../src/core/search-index';
import { isLength } from '../../src/core/short-answer';
import { auxiliaryFuture } from '../../src/core/tense';
import { articleText, oneArticleIndex, textFile } from '../helpers';

/** How tense.ts reads `verb` (its first occurrence) in the one-sentence `text`. */
function readingOf(text: string, verb: string) {
  const at = text.indexOf(verb);
  return auxiliaryFuture(text, { start: 0, end: text.length }, { start: at, end: at + verb.length });
}

// A readout: its lede is dated by the article; the body gives some times and not others.
// A second article gives no time at all.
const index = buildIndex(
  buildCorpus([
    textFile(
      'call.md',
      articleText(
        { id: 'call', title: 'Minister Ward speaks with Mayor Okafor', published: '2021-11-04' },
        'Minister Ward speaks with Mayor Okafor\n\n' +
          [
            'Minister Ward spoke today with Mayor Okafor of Greendale.',
            'The minister urged the release of all protesters detained since October 25.',
            'They discussed the tram line, which has run since 1998, and the new bridge.',
            'The bridge talks lasted three hours.',
            'The council signed the tram charter in 2019.',
          ].join(' '),
      ),
    ),
    textFile(
      'harbour.md',
      articleText(
        { id: 'harbour', title: 'Harbour works widen the quay', published: '2021-11-05' },
        'Harbour works widen the quay\n\n' +
          [
            'Dock workers gathered at the quay.',
            'The harbour master thanked the fishermen for their patience.',
            'The harbour negotiations will resume in Dunmore.',
            'The harbour master praised the new cranes.',
            'The harbour board bought 300 tugboats.',
          ].join(' '),
      ),
    ),
  ]),
);

describe('refusals: a length of time', () => {
  it('a span is a length of time only with a unit and how many of it, or as a period', () => {
    for (const length of ['three hours', 'a decade', 'several weeks', 'months', '45-minute', 'half an hour', 'from 1961 to 1972', 'between 1835 and 1842', 'until 2010', 'all day', 'the past year', 'the last decade', 'the whole week', 'the entire month']) {
      expect([length, isLength(length)]).toEqual([length, true]);
    }
    for (const notLength of ['since October 25', 'today', 'year', 'last week', 'October 25', 'the day', 'all']) {
      expect([notLength, isLength(notLength)]).toEqual([notLength, false]);
    }
  });

  // A canary of the tagger's behaviour, not of citeqa's: if wink stops calling "since
  // October 25" a DURATION, isLength's check of it is no longer what guards "how long".
  it('canary: wink tags "since October 25" as a DURATION', () => {
    const text = 'They were detained since October 25.';
    const durations = tag(text).entities.filter((e) => e.type === 'DURATION').map((e) => text.slice(e.start, e.end));
    expect(durations).toEqual(['since October 25']);
  });

  it('declines "how long" when the closest passages give only a date after "since", and says what is missing', () => {
    const answer = ask(index, 'How long were the protesters detained?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no length of time');
    expect(answer.passages[0]?.text).toContain('detained since October 25');
  });

  it('still answers a length that a passage gives', () => {
    const answer = ask(index, 'How long did the bridge talks last?');
    expect(answer.answered).toBe(true);
    expect(answer.short?.text).toBe('three hours');
  });

  it('a whole unit is a length: "all day", "the past year", "the entire month"', () => {
    const strike = buildIndex(
      buildCorpus([
        textFile(
          'strike.md',
          articleText(
            { id: 'strike', title: 'Dock strike ends', published: '2021-11-06' },
            'Dock strike ends\n\n' +
              ['The strike at the quay lasted all day.', 'Ferry fares have risen for the past year.', 'The crane repairs took the entire month.'].join(' '),
          ),
        ),
      ]),
    );
    expect(ask(strike, 'How long did the strike at the quay last?').short?.text).toBe('all day');
    expect(ask(strike, 'For how long have ferry fares risen?').short?.text).toBe('the past year');
    expect(ask(strike, 'How long did the crane repairs take?').short?.text).toBe('the entire month');
  });

  it('"since" answers "how long has": a time up to now', () => {
    const answer = ask(index, 'How long has the tram line run?');
    expect(answer.answered).toBe(true);
    expect(answer.short?.text).toBe('since 1998');
  });
});

describe('"what time" asks for a time of day', () => {
  const quake = oneArticleIndex(
    { id: 'quake', title: 'Quake strikes', published: '2023-04-14' },
    'Quake strikes\n\nIn November, a smaller earthquake struck near the island of Keral, killing hundreds. ' +
      'The agency says the quake on Keral struck at 4:55 p.m. local time, with the epicenter far below the sea.',
  );

  it('answers with the time of day, from the passage that gives one, with its abbreviation and its zone whole', () => {
    // Before: "November"; then "4:55 p.m.", without the zone the clock is read in.
    expect(ask(quake, 'What time did the Keral quake strike?').short?.text).toBe('4:55 p.m. local time');
  });

  it('is not declined where the passages give another kind of time: "what time" may ask for an age', () => {
    const era = oneArticleIndex({ id: 'rift', title: 'The rift valley' }, 'The rift valley\n\nDuring the Miocene, a river system developed in the rift valley.');
    const answer = ask(era, 'What time did a river system develop in the rift valley?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.text).toContain('During the Miocene');
  });

  it('is declined where the closest passages give no time at all', () => {
    const museum = oneArticleIndex({ id: 'museum', title: 'The museum' }, 'The museum\n\nThe city museum holds 300 paintings by local artists.');
    const answer = ask(museum, 'What time does the city museum open?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no');
  });
});

describe('refusals: a kind of time', () => {
  it('reads the kind of time only from plain wording', () => {
    expect(timeAsked('What year did the council sign the charter?')).toBe('YEAR');
    expect(timeAsked('In which month is the festival?')).toBe('MONTH');
    expect(timeAsked('On what date will the negotiations resume?')).toBe('DAY');
    expect(timeAsked('Which day of the week was the meeting held?')).toBe('DAY');
    expect(timeAsked('When did the council sign the charter?')).toBe('EVENT');
    expect(timeAsked('How long ago did the river change course?')).toBe('EVENT');
    expect(timeAsked('What time did the quake hit?')).toBe('CLOCK');
    expect(timeAsked('At what time did the polls close?')).toBe('CLOCK');
    expect(timeAsked('What time of day did the quake hit?')).toBe('CLOCK');
    expect(timeAsked('Which time did he win the title?')).toBeUndefined();
    expect(timeAsked('What time of year is the festival?')).toBeUndefined();
    expect(timeAsked('During what time period did inequality fall?')).toBeUndefined();
    // A bare "when" is often answered by a clause ("under intense light").
    expect(timeAsked('When do chloroplasts spread out?')).toBeUndefined();
    expect(timeAsked('What happens when the river floods?')).toBeUndefined();
    expect(askedInPast('What year was the club founded?')).toBe(true);
    expect(askedInPast('On what date will the talks resume?')).toBe(false);
  });

  it('a year asked is given by a year, also one wink reads as a plain number, not by the question\'s own', () => {
    const text = 'In 1186, Temujin was elected khan.';
    const entities = tag(text).entities;
    expect(givesTime('YEAR', text, 0, text.length, entities, [], false)).toBe(true);
    expect(givesTime('YEAR', text, 0, text.length, entities, [[3, 7]], false)).toBe(false);
    expect(givesTime('EVENT', 'Temujin was elected khan.', 0, 25, [], [], false)).toBe(false);
    expect(givesTime('EVENT', 'Temujin was elected khan after the war.', 0, 39, [], [], false)).toBe(true);
    // The first sentence of an article's body happened on the article's date.
    expect(givesTime('EVENT', 'Temujin was elected khan.', 0, 25, [], [], true)).toBe(true);
  });

  it.each([
    ['August 1227', '1227'],
    ['June 4, 2014', '2014'],
    ['the 1990s', '1990s'],
    ['the summer of 44 BC', '44 BC'],
    ['AD 410', undefined],
    ['1227', undefined],
    ['1939–45', undefined],
    ['between 1642 and 1651', undefined],
    ['last year', undefined],
    ['March 5', undefined],
  ])('the year of "%s" is %s', (date, year) => {
    const span = yearOf(date);
    expect(span && date.slice(span.start, span.end)).toBe(year);
  });

  it('"what year" is answered by the year of the date a passage gives', () => {
    const khan = oneArticleIndex({ id: 'khan', title: 'The khan dies' }, 'The khan dies\n\nIn August 1227, during the siege of the western capital, the khan died.');
    const answer = ask(khan, 'What year did the khan die?');
    // Before: "August 1227".
    expect(answer.short?.text).toBe('1227');
    expect(ask(khan, 'When did the khan die?').short?.text).toBe('August 1227');
  });

  it('reads "what year-end" and "which day-care" as no kind of time', () => {
    expect(timeAsked('What year-end bonus did the council pay?')).toBeUndefined();
    expect(timeAsked('Which day-care centre did the council close?')).toBeUndefined();
    expect(timeAsked('Which month-long festival did the council fund?')).toBeUndefined();
  });

  it('a bare number is a year only with four digits, or three after "c." or "in" / "since"', () => {
    const gives = (text: string) => givesTime('YEAR', text, 0, text.length, tag(text).entities, [], false);
    expect(gives('The council hired 300 engineers.')).toBe(false);
    expect(gives('The council hired 3000 engineers.')).toBe(true);
    expect(gives('The abbey was founded in 880 by monks.')).toBe(true);
    expect(gives('The casket is dated c1180.')).toBe(true);
    expect(gives('The town was sacked in 410 AD.')).toBe(true);
    expect(gives('Caesar crossed the river in 49 BC.')).toBe(true);
    // An era is written in capitals: "25 bp" is basis points.
    expect(gives('The bank cut its rate by 25 bp.')).toBe(false);
    expect(gives('The fund lost 1,230 or 3.1416 of them.')).toBe(false);
  });

  it('reading a year stays linear on a long run of digits', () => {
    // 20,000 digits: about 0.5 ms a reading, as for 20,000 letters; 900 ms when a run of
    // digits was tried as an era from each of its digits.
    const text = `The code was ${'7'.repeat(20000)} long.`;
    const started = performance.now();
    for (let i = 0; i < 20; i++) givesTime('YEAR', text, 0, text.length, [], [], false);
    // A bound on the complexity, not a speed target: the quadratic reading took 18 s here.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('blanks out the question\'s own words, however many', () => {
    const text = 'Temujin was elected khan after the war in the north.';
    const words = [...text.matchAll(/\p{L}+/gu)].map((m) => [m.index, m.index + m[0].length] as const);
    expect(givesTime('EVENT', text, 0, text.length, [], words, false)).toBe(false);
    expect(givesTime('EVENT', text, 0, text.length, [], words.filter((_, i) => i !== 4), false)).toBe(true);
  });

  it('declines "what year" over a passage giving only a number that is no year', () => {
    const answer = ask(index, 'What year will the harbour board buy the tugboats?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no year');
  });

  it('declines "on what date" when the closest passages give no date, and says so', () => {
    const answer = ask(index, 'On what date will the harbour negotiations resume?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no date or day');
    expect(answer.passages.length).toBeGreaterThan(0);
  });

  it('a date or day asked is given only by a time that names a day, not by a year or a month alone', () => {
    const gives = (text: string) => givesTime('DAY', text, 0, text.length, tag(text).entities, [], false);
    expect(gives('Binh invited Sari to pay an official visit to Vietnam in 2026.')).toBe(false);
    expect(gives('The two sides will meet again later this year.')).toBe(false);
    expect(gives('The committee will meet again in March.')).toBe(false);
    expect(gives('The fishermen were flown home on Friday, March 13.')).toBe(true);
    expect(gives('The boats were seized on Feb 9.')).toBe(true);
    expect(gives('Victoria was declared independent on 1 July 1851.')).toBe(true);
    expect(gives('The talks resume on Tuesday.')).toBe(true);
    expect(gives('The images were sent on Christmas Eve.')).toBe(true);
  });

  it('declines "on what date" over a passage that gives only the year', () => {
    const visit = buildIndex(
      buildCorpus([
        textFile(
          'visit.md',
          articleText(
            { id: 'visit', title: 'Ministers hold talks', published: '2026-02-17' },
            'Ministers hold talks\n\nForeign Minister Binh spoke with Foreign Minister Sari by telephone. Binh invited Sari to pay an official visit to Vietnam in 2026. Sari accepted with pleasure.',
          ),
        ),
      ]),
    );
    const answer = ask(visit, 'On what date will Sari pay her official visit to Vietnam?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no date or day');
    expect(ask(visit, 'What year will Sari pay her official visit to Vietnam?').short?.text).toBe('2026');
  });

  it('declines "when did" when no close passage places it in time or reports the event', () => {
    const answer = ask(index, 'When did the harbour master hire the fishermen?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no date or time');
  });

  it('a passage reporting the past event asked about is dated by its article', () => {
    expect(ask(index, 'When did the harbour master thank the fishermen?').answered).toBe(true);
    expect(ask(index, 'What year did the harbour master thank the fishermen?').answered).toBe(true);
  });

  it('a passage dated by its article answers "what year" with no span that is not a time', () => {
    const council = buildIndex(
      buildCorpus([
        textFile(
          'council.md',
          articleText({ id: 'council', title: 'Council staffs the tram works', published: '2021-11-06' }, 'Council staffs the tram works\n\nThe council hired 300 engineers. The tram depot opened.'),
        ),
      ]),
    );
    for (const question of ['What year did the council hire the engineers?', 'When did the council hire the engineers?']) {
      const answer = ask(council, question);
      expect(answer.answered).toBe(true);
      expect(answer.passages[0]?.text).toBe('The council hired 300 engineers.');
      expect(answer.short).toBeUndefined();
    }
  });

  it('an auxiliary puts a verb in the future; a bare present, as in a headline, is not read so', () => {
    const future = (text: string, verb: string) => readingOf(text, verb).future;
    expect(future('The negotiations will resume in Dunmore.', 'resume')).toBe(true);
    expect(future('The talks are expected to resume in May.', 'resume')).toBe(true);
    expect(future('The council hired engineers who will build it.', 'hired')).toBe(false);
    expect(future('The talks have resumed.', 'resumed')).toBe(false);
    expect(future('Council signs tram charter', 'signs')).toBe(false);
  });

  it('an event asked for, wanted or planned is not reported, nor plainly to come', () => {
    expect(readingOf('We urge the presidential guard to release President Bazoum.', 'release')).toEqual({ future: true, plainly: false, wanted: true });
    expect(readingOf('The minister called on the rebels to free the hostages.', 'free')).toEqual({ future: true, plainly: false, wanted: true });
    expect(readingOf('The board hopes to hire drivers.', 'hire')).toEqual({ future: true, plainly: false, wanted: true });
    // A call, not a call for it.
    expect(readingOf('President Biden called President Macron to discuss the summit agenda.', 'discuss').future).toBe(false);
    // Reported: the verb before it does not ask for it, or a comma ends its clause.
    expect(readingOf('The guard agreed to release President Bazoum.', 'release').future).toBe(false);
    expect(readingOf('The guard managed to release the hostages.', 'release').future).toBe(false);
    expect(readingOf('As the minister urged, the guard went on to release the hostages.', 'release').future).toBe(false);
  });

  it('still dates a first sentence in the present progressive by its article', () => {
    const floods = oneArticleIndex(
      { id: 'floods', title: 'Floods in Dera', published: '2024-06-04' },
      'Floods in Dera\n\nThousands of residents are fleeing the flooded city of Dera. Rescue teams arrived from the capital.',
    );
    const answer = ask(floods, 'When did residents flee Dera?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]?.text).toContain('fleeing');
  });

  it('declines "when was he released" over a passage that only asks for the release', () => {
    const held = oneArticleIndex(
      { id: 'held', title: 'Ministers condemn takeover', published: '2023-07-26' },
      'Ministers condemn takeover\n\nWe urge the presidential guard to release President Bazoum from detention. The ministers condemned the takeover on Tuesday.',
    );
    const answer = ask(held, 'When was President Bazoum released from detention?');
    expect(answer.answered).toBe(false);
    expect(answer.passages[0]?.text).toContain('to release President Bazoum');
  });

  it('a passage telling of the event in the future is not dated by its article, and the refusal says so', () => {
    const answer = ask(index, 'When did the harbour negotiations resume?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('tell of it only as still to come');
  });

  describe('a past event that the best passage tells of as still to come', () => {
    const harbour = buildIndex(
      buildCorpus([
        textFile(
          'fleet.md',
          articleText(
            { id: 'fleet', title: 'Harbour board renews its fleet', published: '2021-03-04' },
            'Harbour board renews its fleet\n\nThe harbour board bought two tugboats last week. The council hired 300 engineers for the new port. The board will hire drivers next year.',
          ),
        ),
      ]),
    );

    it("is not dated by that passage's time, nor by another passage's event", () => {
      // "The council hired 300 engineers." reports another hiring; "last week" dates the tugboats.
      for (const question of ['When did the council hire drivers?', 'When did the board hire drivers?', 'What year did the board hire drivers?']) {
        const answer = ask(harbour, question);
        expect(answer.answered).toBe(false);
        expect(answer.message).toContain('tell of it only as still to come');
        expect(answer.passages[0]?.text).toBe('The board will hire drivers next year.');
      }
    });

    it('still answers the future asked as the future, and takes no time for a past event from a passage telling of it as to come', () => {
      expect(ask(harbour, 'When will the board hire drivers?').short?.text).toBe('next year');
      const engineers = ask(harbour, 'When did the council hire engineers?');
      expect(engineers.answered).toBe(true);
      expect(engineers.passages[0]?.text).toBe('The council hired 300 engineers for the new port.');
      expect(engineers.short?.text).not.toBe('next year');
    });

    it('"would" in a narrative is a later past, not the future', () => {
      const future = (text: string, verb: string) => readingOf(text, verb).plainly;
      expect(future('The network would resume its relationship in 1974.', 'resume')).toBe(false);
      expect(future('Oxygen is liquefied at low temperature.', 'liquefied')).toBe(false);
      expect(future('The board will hire drivers.', 'hire')).toBe(true);
      expect(future('The talks are expected to resume in May.', 'resume')).toBe(true);
      // A plan in the past is no future now.
      expect(future('The talks were expected to resume in May.', 'resume')).toBe(false);
    });
  });

  it('still answers a year, a date, and "when did" that the passages give', () => {
    expect(ask(index, 'What year did the council sign the tram charter?').short?.text).toBe('2019');
    expect(ask(index, 'When did the council sign the tram charter?').answered).toBe(true);
    // The lede's "today" is the article's date.
    const when = ask(index, 'When did Minister Ward speak with Mayor Okafor?');
    expect(when.answered).toBe(true);
    expect(when.short?.date).toBe('2021-11-04');
  });

  it('declines "what year" when the closest passages give none', () => {
    const answer = ask(index, 'What year did the harbour master hire the fishermen?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('give no year');
  });
});

describe('ranking: a question asking for a kind of time', () => {
  // A readout whose body gives no time: only its lede does, by the article's date ("today").
  const readout = buildIndex(
    buildCorpus([
      textFile(
        'call.md',
        articleText(
          { id: 'call', title: 'Minister Ward speaks with Mayor Okafor', published: '2021-11-04' },
          'Minister Ward speaks with Mayor Okafor\n\n' +
            ['Minister Ward spoke today with Mayor Okafor of Greendale.', 'The minister urged continued reforms of the Greendale police.', 'They discussed the tram line and the new bridge.'].join(' '),
        ),
      ),
      textFile(
        'fair.md',
        articleText({ id: 'fair', title: 'Greendale fair opens', published: '2021-09-01' }, 'Greendale fair opens\n\n' + ['The Greendale fair opened on Saturday.', 'Police reforms were debated at the fair.'].join(' ')),
      ),
    ]),
  );

  it('puts the closest passage that gives the time before one on the topic that gives none', () => {
    for (const question of ['On what day did Minister Ward urge reforms of the police?', 'When did the minister urge reforms of the Greendale police?']) {
      const answer = ask(readout, question);
      expect([question, answer.passages.map((p) => p.text)]).toEqual([
        question,
        expect.arrayContaining(['Minister Ward spoke today with Mayor Okafor of Greendale.', 'The minister urged continued reforms of the Greendale police.']),
      ]);
      expect([question, answer.passages[0]?.text]).toEqual([question, 'Minister Ward spoke today with Mayor Okafor of Greendale.']);
      expect(answer.short?.date).toBe('2021-11-04');
      // Best first, by score as by place.
      expect(answer.passages.map((p) => p.score)).toEqual([...answer.passages.map((p) => p.score)].sort((a, b) => b - a));
    }
  });

  it('keeps the order of a question asking for no time', () => {
    expect(ask(readout, 'What did the minister urge for the Greendale police?').passages[0]?.text).toBe('The minister urged continued reforms of the Greendale police.');
  });

  /** An index of one article per entry: [id, title, date, body sentences]. */
  const articles = (...entries: Array<[string, string, string, string[]]>) =>
    buildIndex(buildCorpus(entries.map(([id, title, published, body]) => textFile(`${id}.md`, articleText({ id, title, published }, `${title}\n\n${body.join(' ')}`)))));
  const texts = (question: string, on: ReturnType<typeof articles>) => [question, ask(on, question).passages.map((p) => p.text)];

  it('moves no passage for a length of time or a word of time: they do not say when', () => {
    const quake = articles(['quake', 'Earthquake hits Ankara', '2023-02-06', ['Officials met in the capital.', 'The earthquake shook Ankara and toppled homes across Ankara.', 'Rescuers in Ankara searched the rubble for three hours.', 'Schools in Ankara closed.']]);
    for (const question of ['What time did the earthquake strike Ankara?', 'When did the earthquake strike Ankara?']) {
      expect(texts(question, quake)).toEqual([question, ['The earthquake shook Ankara and toppled homes across Ankara.', 'Rescuers in Ankara searched the rubble for three hours.', expect.any(String)]]);
    }
    // Nor is "when" answered by the length of time.
    expect(ask(quake, 'When did the earthquake strike Ankara?').short).toBeUndefined();
    const farm = articles(['farm', 'Farm bill advances', '2023-05-02', ['Senators met in Washington.', 'The farm bill cleared its first vote by a wide margin.', 'The farm bill is the largest since the Depression era.']]);
    expect(ask(farm, 'When did the farm bill clear its first vote?').passages[0]?.text).toBe('The farm bill cleared its first vote by a wide margin.');
  });

  it('moves a date no further than a passage writing a coarser time, nor past one reporting the event, which its article dates', () => {
    const harbour = articles(['harbour', 'Harbour budget', '2023-05-20', ['Crews painted the quay.', 'The mayor reviewed the harbour budget earlier this month.', 'The harbour opened on Saturday.']]);
    expect(ask(harbour, 'On what day did the mayor review the harbour budget?').passages[0]?.text).toBe('The mayor reviewed the harbour budget earlier this month.');
    const senate = articles(['bill', 'Senate acts on farm bill', '2023-05-02', ['Senators met in Washington.', 'The Senate passed the farm bill by a wide margin.', 'The House debated the farm bill on Monday.']]);
    for (const question of ['On what day did the Senate pass the farm bill?', 'When did the Senate pass the farm bill?']) {
      expect([question, ask(senate, question).passages[0]?.text]).toEqual([question, 'The Senate passed the farm bill by a wide margin.']);
    }
  });

  it('asked of the future, moves a date only in a passage holding the question\'s verb: another is of some other event', () => {
    const talks = articles(['talks', 'Trade talks', '2023-05-02', ['Negotiators met in Geneva.', 'The trade talks will resume, officials said.', 'The earlier trade talks collapsed on January 14.']]);
    const answer = ask(talks, 'On what date will the trade talks resume?');
    expect(answer.passages[0]?.text).toBe('The trade talks will resume, officials said.');
    // Nor does the other event's date answer.
    expect(answer.short).toBeUndefined();
    // Nor a lede's, which is its article's.
    const geneva = articles(['geneva', 'Trade talks', '2023-05-02', ['Negotiators for the trade talks met in Geneva on Monday.', 'The trade talks will resume, officials said.', 'Tariffs were not discussed.']]);
    const resumed = ask(geneva, 'On what date will the trade talks resume?');
    expect([resumed.passages[0]?.text, resumed.short]).toEqual(['The trade talks will resume, officials said.', undefined]);
  });

  it('reads the lede after a line introducing the text ("The below is attributable to ...:"): it happened on the article\'s date', () => {
    const lede = (body: string) => {
      const [document] = buildCorpus([textFile('call.md', articleText({ id: 'call', title: 'Minister Ward speaks with Mayor Okafor' }, `Minister Ward speaks with Mayor Okafor\n\n${body}`))]).documents;
      const n = ledeOf(document!);
      return document!.text.slice(document!.sentences[n]!.start, document!.sentences[n]!.end);
    };
    expect(lede('The below is attributable to Spokesperson Lee:\n\nMinister Ward and Mayor Okafor held talks. They discussed buses.')).toBe('Minister Ward and Mayor Okafor held talks.');
    expect(lede('Minister Ward and Mayor Okafor held talks. They discussed buses.')).toBe('Minister Ward and Mayor Okafor held talks.');
  });

  it('reads a name after a title as no verb of the question ("Minister Ward meet")', () => {
    const notes = articles(
      ['call', 'Cabinet notes', '2023-05-03', ['The cabinet sat.', 'Minister Ward and Mayor Okafor agreed on the bus routes and the bus depots.', 'Aides said the meeting was on Monday.']],
      ['routes', 'Routes change', '2023-05-04', ['Trains were late.', 'Mayor Okafor said the bus routes and the bus stops would change.']],
    );
    // Read as a verb, "Ward" made the first passage report the meeting, which no date passes.
    expect(ask(notes, 'On what day did Minister Ward meet Mayor Okafor about the bus routes?').passages[0]?.text).toBe('Aides said the meeting was on Monday.');
  });
});

describe('a time the recognizer leaves out', () => {
  const gives = (asked: Parameters<typeof givesTime>[0], text: string) => givesTime(asked, text, 0, text.length, [], [], false);

  it('"when did" and "what time" are answered by a year or a century written in figures or words', () => {
    expect(gives('EVENT', 'Rapid warming began around 13,000 BP.')).toBe(true);
    expect(gives('EVENT', 'The expansion reached the area by the first millennium AD.')).toBe(true);
    expect(gives('EVENT', 'The farms were abandoned in the 1540s.')).toBe(true);
    expect(gives('CLOCK', 'Civilization flourished in the 1540s.')).toBe(true);
    expect(gives('CLOCK', 'The river system developed in the second millennium.')).toBe(true);
    // No time: a count, an ordinal of no century.
    expect(gives('EVENT', 'The expansion reached 300 villages.')).toBe(false);
    expect(gives('EVENT', 'The first expansion reached the area.')).toBe(false);
  });

  it('a time written plainly is the kind asked, of its own: no count, sum, share, duration or day of another event', () => {
    // With the recognizer's entities, as the ranker reads them.
    const plainly = (asked: Parameters<typeof writesTimePlainly>[0], text: string) => [asked, text, writesTimePlainly(asked, text, 0, text.length, tag(text).entities, [])];
    const cases: Array<[Parameters<typeof writesTimePlainly>[0], string, boolean]> = [
      ['EVENT', 'An eruption in 1997 buried much of the town.', true],
      ['EVENT', 'Rescuers searched 1200 homes.', false],
      ['YEAR', 'Rescuers searched 1200 homes.', false],
      ['EVENT', 'The sites date from around 13,000 BP.', true],
      ['EVENT', 'The bank raised rates by 100 BP.', false],
      ['EVENT', 'Rescuers from 1,500 BP sites helped.', false],
      ['EVENT', 'Rescuers reached 1,500 BP sites.', false],
      ['EVENT', 'The monks built it in the 14th century.', true],
      ['EVENT', 'Rescuers arrived the next day.', false],
      ['DAY', 'Rescuers arrived the next day.', false],
      ['DAY', 'Rescuers arrived on Monday.', true],
      ['CLOCK', 'The quake hit at 4:55 p.m. local time.', true],
      ['CLOCK', 'The quake hit on Saturday morning.', true],
      ['CLOCK', 'The quake hit at noon.', true],
      ['CLOCK', 'Rescuers searched the rubble through the night.', false],
      ['CLOCK', 'Rescuers searched the rubble overnight.', false],
      ['CLOCK', 'She presented the evening news.', false],
      ['CLOCK', 'He won the race in 2:01:09.', false],
    ];
    for (const [asked, text, expected] of cases) expect(plainly(asked, text)).toEqual([asked, text, expected]);
    // Nor is a sum of money the recognizer tags.
    expect(tag('The tickets cost 1500 dollars.').entities.map((e) => e.type)).toContain('MONEY');
    expect(plainly('YEAR', 'The tickets cost 1500 dollars.')).toEqual(['YEAR', 'The tickets cost 1500 dollars.', false]);
  });

  it('"when" is answered by a length of time counted from another time, or a span of centuries, but not a length alone', () => {
    const answerOf = (body: string, question: string) => ask(oneArticleIndex({ id: 'a', title: 'Headline', published: '2022-09-27' }, `Headline\n\n${body}`), question).short?.text;
    expect(answerOf('Rescuers arrived three hours later. The fire was out.', 'When did rescuers arrive?')).toBe('three hours later');
    expect(answerOf('The earthquake struck Ankara for 40 seconds in several districts. Homes fell.', 'When did the earthquake strike Ankara?')).toBeUndefined();
    expect(answerOf('Miners were trapped for three days in the collapsed shaft. They were rescued.', 'When were the miners trapped?')).toBeUndefined();
    expect(answerOf('The plague returned to Europe throughout the 14th to 17th centuries. Cities emptied.', 'When did the plague return to Europe?')).toMatch(/17th centuries/);
  });

  it('a sum of money or basis points are no year', () => {
    expect(gives('YEAR', 'The tickets cost $1500 each.')).toBe(false);
    expect(gives('EVENT', 'Rates rose 50 BP.')).toBe(false);
    expect(gives('YEAR', 'The camp was used around 1500 BP.')).toBe(true);
  });

  it('a century is no year', () => {
    expect(gives('YEAR', 'The experiments date from the 2nd century BCE.')).toBe(false);
  });

  it('a time found after the question\'s own words drops the words that joined them ("the start of the 2013 season")', () => {
    const streaming = oneArticleIndex(
      { id: 'tv', title: 'Streaming arrives', published: '2014-01-10' },
      'Streaming arrives\n\nThe network offered streams of its shows by the start of the 2013 season.',
    );
    // Before: no short answer ("of the 2013", what was left of the date, was no answer).
    expect(ask(streaming, 'When did the network start offering streams of its shows?').short?.text).toBe('2013');
  });
});

describe('a time that dates the question\'s condition, not its event', () => {
  const readout = oneArticleIndex(
    { id: 'okafor-call', title: 'Minister Ward speaks with Mayor Okafor', published: '2022-04-05' },
    'Minister Ward speaks with Mayor Okafor\n\nMinister Ward spoke today with Mayor Okafor of Greendale. ' +
      "The minister welcomed the mayor's planned meeting April 6 with the council of Riverton and its chairman Adebayo. " +
      'They discussed the tram line and the new bridge.',
  );

  it('does not date the call by the date of the meeting the question names only to say when', () => {
    // Before: "The minister welcomed ... planned meeting April 6 ..." first, "April 6" read as the call's day.
    const answer = ask(readout, "On which day did Minister Ward call Mayor Okafor shortly before the mayor's meeting with the council and Adebayo?");
    expect(answer.passages[0]?.text).toBe('Minister Ward spoke today with Mayor Okafor of Greendale.');
    expect(answer.short).toMatchObject({ text: 'today', date: '2022-04-05' });
  });
});
