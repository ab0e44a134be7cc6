import { buildCorpus } from '../../src/core/corpus';
import { documentEntities, storedEntities } from '../../src/core/entities';
import { articleText, SEED_ID, seedIndexOnce, textFile } from '../helpers';

describe('what is recognized in an article', () => {
  const index = seedIndexOnce();
  const seed = index.corpus.document(SEED_ID)!;
  const recognized = documentEntities(seed, index.analyzer);
  const sentenceOf = (prefix: string) => seed.sentences.findIndex((s) => seed.text.slice(s.start, s.end).includes(prefix));

  it('finds the people with their roles, and who speaks each quotation', () => {
    const motegi = recognized.people.find((p) => p.surname === 'motegi');
    expect(motegi?.roles.join(' ')).toMatch(/Foreign Minister/);
    expect(recognized.people.map((p) => p.surname)).toContain('lavrov');
    expect(recognized.speaker(sentenceOf('which lasted for about an hour'))?.surname).toBe('motegi');
    expect(recognized.speaker(0)).toBeUndefined();
  });

  it('gives the entities of a sentence by offset, and its words with parts of speech', () => {
    const n = sentenceOf('which lasted for about an hour');
    const span = seed.sentences[n]!;
    const found = recognized.entitiesIn(span.start, span.end);
    expect(found.some((e) => e.type === 'DURATION' && seed.text.slice(e.start, e.end).includes('hour'))).toBe(true);
    expect(found.every((e) => e.start >= span.start && e.end <= span.end)).toBe(true);
    const tokens = recognized.tokensIn(span.start, span.end);
    expect(tokens.length).toBeGreaterThan(5);
    for (const t of tokens) expect(seed.text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.find((t) => t.text === 'lasted')).toMatchObject({ pos: 'VERB', lemma: 'last' });
  });

  it('keeps a compact stored form that answers the same', () => {
    const { stored } = recognized;
    expect(stored.spans.length % 4).toBe(0);
    expect(stored.speakers).toHaveLength(seed.sentences.length);
    // A few hundred bytes, not the tens of kilobytes of the recognizer's tokens.
    expect(stored.spans.byteLength + stored.speakers.byteLength).toBeLessThan(2048);
    const copy = storedEntities(seed, { people: stored.people.map((p) => ({ ...p })), spans: Int32Array.from(stored.spans), speakers: Int16Array.from(stored.speakers) });
    seed.sentences.forEach((span, n) => {
      expect(copy.entitiesIn(span.start, span.end)).toEqual(recognized.entitiesIn(span.start, span.end));
      expect(copy.speaker(n)).toEqual(recognized.speaker(n));
    });
    expect(copy.entitiesIn(0, seed.text.length).length).toBe(stored.spans.length / 4);
  });
});

describe('people found by general evidence, not only after a title', () => {
  const index = seedIndexOnce();
  const recognize = (body: string) => {
    const corpus = buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]);
    return documentEntities(corpus.documents[0]!, index.analyzer);
  };
  const names = (body: string) => recognize(body).people.map((p) => p.name);
  /** The spans marked PERSON in the article, as written. */
  const personSpans = (body: string) => {
    const document = buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]).documents[0]!;
    const recognized = documentEntities(document, index.analyzer);
    return recognized.entitiesIn(0, document.text.length).filter((e) => e.type === 'PERSON').map((e) => document.text.slice(e.start, e.end));
  };

  it('by a title before the name, with the role', () => {
    expect(recognize('The talks were led by Finance Minister Jane Okafor on Monday.').people).toEqual([
      expect.objectContaining({ name: 'Jane Okafor', roles: ['Finance Minister'] }),
    ]);
  });

  it('a title joined by a hyphen is one title: "Secretary-General"', () => {
    // Before: the role "General", a person "-General" for the title alone, and one "General" inside the name.
    const body = 'UN Secretary-General Antonio Guterres spoke on Monday. The Secretary-General said the talks would go on.';
    expect(recognize(body).people).toEqual([expect.objectContaining({ name: 'Antonio Guterres', roles: ['Secretary-General'] })]);
    expect(personSpans(body)).toEqual(['UN Secretary-General Antonio Guterres', 'Secretary-General']);
    expect(personSpans('He met the Secretary-General of the United Nations.')).toEqual([]);
  });

  it('by an office named after "of" before the name, which is no place', () => {
    const body = 'Secretary of State Antony Blinken spoke with the Minister of Foreign Affairs Sergei Lavrov. The Minister of Foreign Affairs was in Rome.';
    expect(personSpans(body)).toEqual(['Antony Blinken', 'Sergei Lavrov']);
    const document = buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]).documents[0]!;
    const places = documentEntities(document, index.analyzer).entitiesIn(0, document.text.length).filter((e) => e.type === 'PLACE');
    expect(places.map((e) => document.text.slice(e.start, e.end))).toEqual(['Rome']);
    expect(personSpans('Secretary of the Navy Carlos Del Toro met Director of National Intelligence Avril Haines.')).toEqual(['Carlos Del Toro', 'Avril Haines']);
  });

  it('not what follows an office when it is one word, or an organization or a place', () => {
    expect(personSpans('The Director of Homeland Security Investigations spoke. The Secretary of Health Canada came.')).toEqual([]);
  });

  it('by a title before the name, a surname that is also an English noun included', () => {
    const recognized = recognize('Prime Minister David Park met the envoy on Monday. Park said the talks went well.');
    expect(recognized.people).toEqual([expect.objectContaining({ name: 'David Park', surname: 'park', roles: ['Prime Minister'] })]);
    // Marked as a person where named, full name and surname alone.
    expect(personSpans('Prime Minister David Park met the envoy on Monday. Park said the talks went well.')).toEqual(['David Park', 'Park']);
  });

  it('not the noun where it names a thing: "the Park entrance", "Park rangers"', () => {
    expect(personSpans('Prime Minister David Park met the envoy. Police closed the Park entrance, and Park rangers were on duty.')).toEqual(['David Park']);
  });

  it('a surname that is also a noun, on its own where it acts', () => {
    expect(personSpans('Prime Minister David Park met the envoy. Park, 54, warned of retaliation.')).toEqual(['David Park', 'Park']);
  });

  it("not an organization's or a place's word after the name, however tagged", () => {
    expect(names('Students marched from the President Nelson Mandela School to the square on Monday.')).toEqual(['Nelson Mandela']);
    expect(names('Students marched from the President Nelson Mandela University to the square on Monday.')).toEqual(['Nelson Mandela']);
  });

  it('not an organization whose name opens with a title word: "General Motors", "the General Assembly"', () => {
    const body = 'Mary Barra, the chairman of General Motors, announced the plan. General Electric will supply the turbines, and the General Assembly approved the credit.';
    expect(names(body)).toEqual(['Mary Barra']);
    expect(personSpans(body)).toEqual(['Mary Barra', 'the chairman']);
    const document = buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]).documents[0]!;
    const organizations = documentEntities(document, index.analyzer).entitiesIn(0, document.text.length).filter((e) => e.type === 'ORG');
    expect(organizations.map((e) => document.text.slice(e.start, e.end))).toEqual(['General Motors', 'General Electric', 'General Assembly']);
  });

  it('an organization named with "of" and the adjectives before it, whole: "the Bank of England", "the African Union"', () => {
    // Before: "Bank" and the place "England", "Union", "Organization" and the place "States", and no organization for the Community.
    const body =
      'The Bank of England raised rates. The African Union said it would send troops. ' +
      'The Economic Community of West African States said the vote was not fair, and the Organization of American States met on Friday.';
    const document = buildCorpus([textFile('a.md', articleText({ id: 'bodies' }, `Headline\n\n${body}`))]).documents[0]!;
    const organizations = documentEntities(document, index.analyzer).entitiesIn(0, document.text.length).filter((e) => e.type === 'ORG');
    expect(organizations.map((e) => document.text.slice(e.start, e.end))).toEqual([
      'Bank of England',
      'African Union',
      'Economic Community of West African States',
      'Organization of American States',
    ]);
  });

  it('a place whose name ends in a kind of place the tagger reads as a noun: "New York City"', () => {
    const body = 'The ministers met in New York City on Monday, and their aides flew on to Mexico City.';
    const document = buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]).documents[0]!;
    const places = documentEntities(document, index.analyzer).entitiesIn(0, document.text.length).filter((e) => e.type === 'PLACE');
    expect(places.map((e) => document.text.slice(e.start, e.end))).toEqual(['New York City', 'Mexico City']);
  });

  it('still a person after the same title word: "General Burhan"', () => {
    expect(personSpans('General Burhan detained the prime minister on Monday.')).toEqual(['Burhan']);
    expect(names('General Burhan detained the prime minister on Monday.')).toEqual(['Burhan']);
  });

  it('not an English noun after a name where the article writes the noun in lower case', () => {
    expect(names('The square beside President Lincoln Park was cleaned on Monday. The park has a new lake.')).toEqual(['Lincoln']);
  });

  it('by apposition, with the role', () => {
    const people = recognize('Maria Castellano, the city council leader, opened the meeting on Monday.').people;
    expect(people).toEqual([expect.objectContaining({ name: 'Maria Castellano', roles: ['the city council leader'] })]);
  });

  it('by speech', () => {
    expect(names('"We are ready for the season," said Tomas Brenner at the ground.')).toEqual(['Tomas Brenner']);
    expect(names('Tomas Brenner said the club was ready for the season.')).toEqual(['Tomas Brenner']);
  });

  it('by a full name repeated by its surname, a pronoun following', () => {
    expect(names('Ayo Danjuma scored twice in the second half. Danjuma was substituted after he was injured.')).toEqual(['Ayo Danjuma']);
  });

  it('not places, organizations, teams or English words written in capitals', () => {
    expect(names('The Denver Broncos won. The Broncos scored after the break, and their coach praised his side.')).toEqual([]);
    expect(names('The Nobel Foundation said on Monday that the prize was given to a chemist.')).toEqual([]);
    expect(names('Eastern Time is used in the region. The time zone is shared with its neighbour, said a spokesman.')).toEqual([]);
  });

  it('types a person so found as a person where named', () => {
    const recognized = recognize('Ayo Danjuma scored twice in the second half. Danjuma was substituted after he was injured.');
    expect(recognized.entitiesIn(0, 200).filter((e) => e.type === 'PERSON').length).toBeGreaterThanOrEqual(2);
  });
});

describe('people found by a common noun before a full name, and names with particles', () => {
  const index = seedIndexOnce();
  const names = (body: string) =>
    documentEntities(buildCorpus([textFile('a.md', articleText({ id: 'people' }, `Headline\n\n${body}`))]).documents[0]!, index.analyzer).people.map((p) => p.name);

  it('takes "engineer Benjamin Lamme" for a person, without a role', () => {
    expect(names('The design was improved by engineer Benjamin Lamme within a year.')).toEqual(['Benjamin Lamme']);
  });

  it('keeps a particle inside a name', () => {
    expect(names('In 1525 the reformer married the schoolteacher Katharina von Bora in the town.')).toEqual(['Katharina von Bora']);
  });

  it('keeps two particles, and particles after a title, inside the name; "Crown Prince" is a title', () => {
    const recognized = documentEntities(
      buildCorpus([
        textFile('a.md', articleText({ id: 'people' }, 'Headline\n\nEuropean Commission President Ursula von der Leyen met Crown Prince Mohammed bin Salman in Riyadh on Monday.')),
      ]).documents[0]!,
      index.analyzer,
    );
    expect(recognized.people.map((p) => p.name).sort()).toEqual(['Mohammed bin Salman', 'Ursula von der Leyen']);
    const { text } = buildCorpus([textFile('a.md', articleText({ id: 'people' }, 'Headline\n\nEuropean Commission President Ursula von der Leyen met Crown Prince Mohammed bin Salman in Riyadh on Monday.'))]).documents[0]!;
    const spans = recognized.entitiesIn(0, text.length).filter((e) => e.type === 'PERSON').map((e) => text.slice(e.start, e.end));
    expect(spans).toEqual(['Ursula von der Leyen', 'Mohammed bin Salman']);
  });

  it('keeps a particle joined by a hyphen ("al-Mahdi") inside a name after a title; not with a space on either side, nor in a group or a place that speaks', () => {
    expect(names('Sudanese Foreign Minister Mariam al-Mahdi spoke with General Abdel Fattah al-Burhan on Monday.').sort()).toEqual(['Abdel Fattah al-Burhan', 'Mariam al-Mahdi']);
    expect(names('Foreign Minister Mariam al - Mahdi spoke on Monday.')).toEqual(['Mariam']);
    expect(names('Foreign Minister Mariam al- Mahdi spoke on Monday.')).toEqual(['Mariam']);
    expect(names('Foreign Minister Mariam al -Mahdi spoke on Monday.')).toEqual(['Mariam']);
    expect(names('Jabhat al-Nusra said it would fight on. Ras al-Khaimah said it would open a port.')).toEqual([]);
  });
});
