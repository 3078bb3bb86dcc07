# ruff: noqa: E501  (hand-written sentences kept whole)
"""Professional worlds as alumni describe them, written by hand for the evaluation set.

Nothing here comes from the engine's lexicon or taxonomy labels: titles, employers and
sentences are phrased the way people write their directory profiles (abbreviations, jargon,
franglais). ``form`` is what a person in this world would most often tick in the directory's
sector and function lists; ``wrong_form`` what some of them tick instead. Employers are
fictional. ``origins`` are the worlds people of this world often come from (their past jobs).
"""

from __future__ import annotations

from typing import TypedDict


class World(TypedDict):
    form: tuple[str, str]
    wrong_form: tuple[tuple[str, str], ...]
    titles_fr: tuple[str, ...]
    titles_en: tuple[str, ...]
    employers: tuple[tuple[str, str, str], ...]  # name, city, country
    does_fr: tuple[str, ...]
    does_en: tuple[str, ...]
    themes: tuple[str, ...]
    origins: tuple[str, ...]


WORLDS: dict[str, World] = {
    "pe": {
        "form": ("asset_management", "finance"),
        "wrong_form": (("banking", "finance"), ("", "finance"), ("asset_management", "strategy")),
        "titles_fr": (
            "Directeur d'investissement",
            "Chargée d'affaires senior, capital-investissement",
            "Associé - fonds de LBO",
            "Investment Manager PE",
            "Partner, capital-développement",
        ),
        "titles_en": (
            "Investment Director, Private Equity",
            "Partner at a mid-cap buyout fund",
            "Principal, PE",
            "Vice President - Private Equity",
            "Associate, growth equity",
        ),
        "employers": (
            ("Ardalis Capital", "Paris", "FR"),
            ("Montclair Partners", "Paris", "FR"),
            ("Hexa Equity", "Lyon", "FR"),
            ("Brentwood Capital", "London", "GB"),
            ("Kestrel Buyout Partners", "New York", "US"),
            ("Valmy Investissement", "Paris", "FR"),
        ),
        "does_fr": (
            "J'investis dans des PME et ETI en LBO primaire et secondaire, tickets de 20 à 80 M€.",
            "Sourcing de deals, due diligence, structuration de la dette d'acquisition, suivi "
            "des participations au board.",
            "Je suis passé côté buy-side il y a 8 ans après quelques années en M&A.",
            "Modélisation LBO, négociation du pacte d'actionnaires et management package.",
            "Création de valeur dans les participations : build-up, plan à 100 jours.",
        ),
        "does_en": (
            "I lead mid-market buyouts (EV 50-300m) from origination to exit.",
            "Deal sourcing, LBO modelling, financial due diligence and portfolio monitoring.",
            "Moved buy-side after the banking analyst years; happy to demystify PE recruiting.",
            "Board seats in four portfolio companies; value-creation plans and add-on acquisitions.",
            "Case studies, paper LBOs and headhunter processes for associate roles: been there.",
        ),
        "themes": ("career_change", "job_search", "career_evolution"),
        "origins": ("mna_bank", "audit", "consulting"),
    },
    "mna_bank": {
        "form": ("banking", "finance"),
        "wrong_form": (("banking", "strategy"), ("", "finance")),
        "titles_fr": (
            "Directeur M&A",
            "Banquier d'affaires, fusions-acquisitions",
            "Associate Corporate Finance",
            "Managing Director, conseil en fusions-acquisitions",
        ),
        "titles_en": (
            "M&A Director",
            "Investment banker, mergers & acquisitions",
            "VP Corporate Finance",
            "Managing Director, ECM",
        ),
        "employers": (
            ("Lazare Frères Banque", "Paris", "FR"),
            ("Oddo Rivière", "Paris", "FR"),
            ("Hartwell & Co", "London", "GB"),
            ("Sterling Bridge Advisors", "New York", "US"),
        ),
        "does_fr": (
            "Conseil aux dirigeants sur les cessions, acquisitions et levées, côté sell-side.",
            "Pitchbooks, modèles de valorisation, info memo, data room, nuits blanches.",
            "J'ai fait toute ma carrière en banque d'affaires, surtout sur l'industrie.",
        ),
        "does_en": (
            "Sell-side and buy-side advisory on cross-border deals.",
            "Valuation, pitch books, CIMs and managing the auction process.",
            "Coverage of industrials and business services clients.",
        ),
        "themes": ("career_evolution", "first_job"),
        "origins": ("audit",),
    },
    "audit": {
        "form": ("consulting", "finance"),
        "wrong_form": (("", "finance"), ("consulting", "strategy")),
        "titles_fr": (
            "Senior manager audit",
            "Manager Transaction Services",
            "Directeur de mission audit financier",
            "Auditrice senior",
            "Associé audit - Big Four",
        ),
        "titles_en": (
            "Audit Senior Manager",
            "Manager, Transaction Services",
            "Assurance Director",
            "Senior Auditor",
        ),
        "employers": (
            ("Deloitte", "Paris", "FR"),
            ("KPMG", "Paris", "FR"),
            ("EY", "Lyon", "FR"),
            ("PwC", "London", "GB"),
            ("Mazars", "Paris", "FR"),
        ),
        "does_fr": (
            "Commissariat aux comptes de groupes cotés, normes IFRS, clôtures annuelles.",
            "Due diligence financières pour des fonds (vendor DD, buy-side DD).",
            "Encadrement d'équipes d'auditeurs juniors pendant la busy season.",
        ),
        "does_en": (
            "Statutory audit of listed groups, IFRS reporting and internal controls.",
            "Financial due diligence for sponsors and corporates.",
            "Coaching junior auditors through busy season.",
        ),
        "themes": ("first_job", "career_evolution", "leadership"),
        "origins": (),
    },
    "startup": {
        "form": ("software", "entrepreneur"),
        "wrong_form": (("", "entrepreneur"), ("software", "general_management"), ("", "")),
        "titles_fr": (
            "Co-fondatrice & CEO",
            "Fondateur",
            "CEO et cofondateur",
            "Fondatrice, start-up edtech",
            "Serial entrepreneur",
        ),
        "titles_en": (
            "Co-founder & CEO",
            "Founder",
            "Founder & CEO (seed-stage startup)",
            "Co-founder, COO",
        ),
        "employers": (
            ("Klaro", "Paris", "FR"),
            ("Mealmate", "Paris", "FR"),
            ("Tandem Health", "Lyon", "FR"),
            ("Nudgely", "London", "GB"),
            ("Fabriq.io", "Nantes", "FR"),
            ("Pollen Robotics Studio", "Bordeaux", "FR"),
            ("Gridwise", "Berlin", "DE"),
        ),
        "does_fr": (
            "J'ai monté ma boîte en sortant de l'école, levée de seed puis série A de 6 M€.",
            "Recherche du product-market fit, premiers recrutements, pitch aux BA et aux VC.",
            "Passé par un incubateur (Station F) ; j'ai aussi raté une première boîte, ça forme.",
            "Bootstrapping, BPI, prêt d'honneur, pacte d'associés : je connais les étapes.",
            "Quitter un CDI confortable pour entreprendre : j'en parle volontiers.",
        ),
        "does_en": (
            "Founded my company after five years in consulting; raised a seed and a Series A.",
            "Finding product-market fit, first hires, fundraising with angels and VCs.",
            "Went through an accelerator; exited my first venture in 2019.",
            "Leaving a corporate job to build something: happy to talk about the leap.",
        ),
        "themes": ("entrepreneurship", "career_change", "meaning"),
        "origins": ("consulting", "product", "esn"),
    },
    "vc": {
        "form": ("asset_management", "finance"),
        "wrong_form": (("software", "finance"), ("", "strategy")),
        "titles_fr": (
            "Associée, fonds d'amorçage",
            "Investment manager VC",
            "Partner capital-risque",
            "Principal - venture",
        ),
        "titles_en": ("Partner, venture capital", "VC Principal", "Investor at a seed fund"),
        "employers": (
            ("Serena Seed", "Paris", "FR"),
            ("Elaia Ventures", "Paris", "FR"),
            ("Northzone Capital", "London", "GB"),
            ("Breeze VC", "San Francisco", "US"),
        ),
        "does_fr": (
            "J'investis en seed et série A dans le SaaS B2B et la climate tech.",
            "Je vois 800 pitch decks par an : je peux dire ce qui marche et ce qui ne marche pas.",
            "Term sheets, BSA-AIR, valorisation pré-money, accompagnement des fondateurs.",
        ),
        "does_en": (
            "Seed and Series A investor in B2B SaaS and fintech.",
            "I review hundreds of pitch decks a year and sit on six boards.",
            "Term sheets, cap tables and founder coaching.",
        ),
        "themes": ("entrepreneurship", "board"),
        "origins": ("startup", "consulting", "mna_bank"),
    },
    "data_ml": {
        "form": ("software", "data"),
        "wrong_form": (("", "data"), ("software", "software_dev"), ("banking", "data")),
        "titles_fr": (
            "Data scientist senior",
            "Lead ML engineer",
            "Responsable data science",
            "Ingénieure machine learning",
            "Head of Data & IA",
        ),
        "titles_en": (
            "Senior Data Scientist",
            "Machine Learning Engineer",
            "Head of AI",
            "Staff ML Engineer",
            "Applied Scientist, NLP",
        ),
        "employers": (
            ("Dataiku", "Paris", "FR"),
            ("Criteo", "Paris", "FR"),
            ("Mirakl", "Paris", "FR"),
            ("Owkin", "Paris", "FR"),
            ("DeepMinds Lab Ltd", "London", "GB"),
            ("Helix AI", "Montréal", "CA"),
            ("Contentsquare", "Paris", "FR"),
        ),
        "does_fr": (
            "Modèles de recommandation, NLP, mise en production de modèles (MLOps).",
            "Python, PyTorch, scikit-learn, SQL, un peu de Spark ; LLM et RAG depuis 2023.",
            "Reconversion réussie depuis la physique : je sais ce que demandent les recruteurs.",
            "J'encadre une équipe de 8 data scientists et je fais passer les entretiens techniques.",
        ),
        "does_en": (
            "Recommendation systems, NLP and putting models in production (MLOps).",
            "Python, PyTorch, feature stores, A/B testing; fine-tuning LLMs lately.",
            "I run the technical interviews for our data science team.",
            "Moved from academia into industry ML: happy to talk about that transition.",
        ),
        "themes": ("career_change", "research_to_industry", "job_search"),
        "origins": ("academia", "esn", "quant"),
    },
    "cto": {
        "form": ("software", "software_dev"),
        "wrong_form": (("software", "general_management"), ("", "engineering"), ("", "")),
        "titles_fr": (
            "CTO",
            "Directeur technique",
            "VP Engineering",
            "Directrice technique et cofondatrice",
            "Head of Engineering",
        ),
        "titles_en": (
            "CTO",
            "VP of Engineering",
            "Chief Technology Officer",
            "Engineering Director",
        ),
        "employers": (
            ("Alan", "Paris", "FR"),
            ("Qonto", "Paris", "FR"),
            ("Swile", "Montpellier", "FR"),
            ("Ledgerly", "Paris", "FR"),
            ("Monzo", "London", "GB"),
            ("Shiftly", "Lyon", "FR"),
        ),
        "does_fr": (
            "J'ai fait grandir l'équipe tech de 5 à 120 développeurs, architecture et recrutement.",
            "Choix d'architecture, dette technique, on-call, culture d'ingénierie.",
            "Passage de développeur à manager puis à CTO : j'en parle sans filtre.",
        ),
        "does_en": (
            "Scaled the engineering team from 10 to 150; hiring, architecture, delivery.",
            "Platform choices, tech debt, incident culture and engineering ladders.",
            "From senior dev to engineering manager to CTO: the messy path.",
        ),
        "themes": ("leadership", "career_evolution", "entrepreneurship"),
        "origins": ("esn", "startup"),
    },
    "product": {
        "form": ("software", "product"),
        "wrong_form": (("software", "marketing"), ("", "product"), ("retail", "product")),
        "titles_fr": (
            "Product Manager senior",
            "Head of Product",
            "Responsable produit",
            "Group Product Manager",
            "PM",
        ),
        "titles_en": (
            "Senior Product Manager",
            "Director of Product",
            "Product Lead",
            "Principal PM",
        ),
        "employers": (
            ("BlaBlaCar", "Paris", "FR"),
            ("Doctolib", "Paris", "FR"),
            ("Back Market", "Paris", "FR"),
            ("Spendesk", "Paris", "FR"),
            ("Deliveroo", "London", "GB"),
            ("Shopivo", "Montréal", "CA"),
        ),
        "does_fr": (
            "Discovery, roadmap, priorisation avec les équipes tech et design.",
            "Entretiens utilisateurs, OKR, specs ; j'ai quitté le conseil pour le produit.",
            "Je fais passer les études de cas PM et je peux aider à préparer.",
        ),
        "does_en": (
            "Discovery, roadmaps, working with engineering and design squads.",
            "User research, OKRs, prioritisation; came to product from consulting.",
            "I interview PM candidates and can help you prepare product cases.",
        ),
        "themes": ("career_change", "job_search", "career_evolution"),
        "origins": ("consulting", "esn", "luxury_marketing"),
    },
    "hr": {
        "form": ("", "hr"),
        "wrong_form": (("consulting", "hr"), ("industry", "hr"), ("", "general_management")),
        "titles_fr": (
            "DRH",
            "Directrice des ressources humaines",
            "HRBP senior",
            "Responsable RH groupe",
            "DRH France",
        ),
        "titles_en": ("HR Director", "Chief People Officer", "Senior HR Business Partner"),
        "employers": (
            ("Saint-Gobert", "Paris", "FR"),
            ("Groupe Sevia", "Lyon", "FR"),
            ("Lumen Retail", "Lille", "FR"),
            ("Orvia Telecom", "Paris", "FR"),
            ("Brightwater plc", "London", "GB"),
        ),
        "does_fr": (
            "Relations sociales, négociations avec les partenaires sociaux, plans de transformation.",
            "Talent management, revues de personnel, rémunération et avantages.",
            "J'ai accompagné beaucoup de managers dans des situations conflictuelles.",
        ),
        "does_en": (
            "People strategy, talent reviews and compensation for 4,000 staff.",
            "Employee relations and change programmes in unionised environments.",
            "Coaching managers through difficult team situations.",
        ),
        "themes": ("workplace_relations", "leadership", "career_evolution"),
        "origins": ("consulting", "law"),
    },
    "quant": {
        "form": ("banking", "finance"),
        "wrong_form": (("banking", "data"), ("asset_management", "data"), ("", "")),
        "titles_fr": (
            "Analyste quantitatif",
            "Quant senior - dérivés actions",
            "Strat quantitatif",
            "Responsable recherche quantitative",
        ),
        "titles_en": (
            "Quantitative Analyst",
            "Quant Researcher",
            "Senior Quant, rates derivatives",
            "Quant Strategist",
        ),
        "employers": (
            ("Société Génerale CIB", "Paris", "FR"),
            ("BNP Paribas Global Markets", "Paris", "FR"),
            ("Capula Fund", "London", "GB"),
            ("Citadella Securities", "New York", "US"),
            ("CFM", "Paris", "FR"),
        ),
        "does_fr": (
            "Pricing de dérivés, calcul stochastique, modèles de volatilité locale.",
            "Stratégies systématiques, backtests, C++ et Python sur le desk.",
            "Je suis arrivé sur les marchés après une thèse : le passage est faisable.",
        ),
        "does_en": (
            "Derivatives pricing, stochastic calculus, volatility models.",
            "Systematic strategies, alpha research, backtesting in Python and C++.",
            "Joined the desk straight after a PhD; happy to explain quant interviews.",
        ),
        "themes": ("research_to_industry", "job_search", "first_job"),
        "origins": ("academia",),
    },
    "renewables": {
        "form": ("energy", "project_management"),
        "wrong_form": (("environment", "engineering"), ("energy", "engineering"), ("", "")),
        "titles_fr": (
            "Cheffe de projet éolien",
            "Développeur de projets solaires",
            "Responsable développement EnR",
            "Directeur de projets photovoltaïques",
            "Ingénieur financement de projets ENR",
        ),
        "titles_en": (
            "Wind Project Developer",
            "Solar Development Manager",
            "Head of Renewables Origination",
            "Project Finance Manager, renewables",
        ),
        "employers": (
            ("Voltalis Énergies", "Paris", "FR"),
            ("Neoen", "Paris", "FR"),
            ("Quadran Sud", "Montpellier", "FR"),
            ("Boralex", "Lyon", "FR"),
            ("Ørsted UK", "London", "GB"),
            ("Akuo", "Paris", "FR"),
        ),
        "does_fr": (
            "Développement de parcs éoliens et de centrales PV au sol : foncier, permis, raccordement.",
            "Appels d'offres CRE, PPA, financement de projet sans recours.",
            "Concertation avec les élus et les riverains, études d'impact.",
        ),
        "does_en": (
            "Developing onshore wind and utility-scale PV: land, permits, grid connection.",
            "PPAs, tenders and non-recourse project finance.",
            "Stakeholder engagement with local councils; environmental impact studies.",
        ),
        "themes": ("career_change", "meaning", "career_evolution"),
        "origins": ("consulting", "oilgas", "audit"),
    },
    "consulting": {
        "form": ("consulting", "strategy"),
        "wrong_form": (("consulting", "general_management"), ("", "strategy")),
        "titles_fr": (
            "Manager en conseil en stratégie",
            "Principal, conseil en stratégie",
            "Consultante senior",
            "Associé - cabinet de conseil",
        ),
        "titles_en": (
            "Engagement Manager, strategy consulting",
            "Principal, management consulting",
            "Senior Consultant",
        ),
        "employers": (
            ("McKinley & Company", "Paris", "FR"),
            ("Bain", "Paris", "FR"),
            ("Roland Berger", "Munich", "DE"),
            ("Kearney", "Paris", "FR"),
            ("Oliver Wyman", "London", "GB"),
        ),
        "does_fr": (
            "Missions de stratégie et de due diligence pour des fonds et des grands groupes.",
            "Études de cas, entretiens fit, slides à 2h du matin.",
            "Je reste dans le conseil, j'aime la variété des missions.",
        ),
        "does_en": (
            "Strategy and commercial due diligence projects for corporates and funds.",
            "Case interviews, storylining, managing client teams.",
            "Still in consulting after 9 years and I love the variety.",
        ),
        "themes": ("first_job", "career_evolution", "job_search"),
        "origins": ("audit",),
    },
    "esn": {
        "form": ("software", "project_management"),
        "wrong_form": (("consulting", "software_dev"), ("telecom", "project_management")),
        "titles_fr": (
            "Chef de projet en ESN",
            "Consultant SAP",
            "Directeur de projet, SSII",
            "Ingénieur d'études et développement",
        ),
        "titles_en": ("IT project manager", "SAP consultant", "Delivery manager, IT services"),
        "employers": (
            ("Sopra Steria", "Paris", "FR"),
            ("Capgemini", "Toulouse", "FR"),
            ("Alten", "Paris", "FR"),
            ("Atos", "Lyon", "FR"),
        ),
        "does_fr": (
            "Pilotage de projets d'intégration chez des clients grands comptes, régie et forfait.",
            "Intercontrats, TJM, staffing : la vie en ESN.",
        ),
        "does_en": (
            "Delivery of integration projects for large clients.",
            "Time and materials, fixed price, staffing: life in IT services.",
        ),
        "themes": ("career_evolution", "first_job"),
        "origins": (),
    },
    "public_policy": {
        "form": ("public_sector", "public_policy"),
        "wrong_form": (("public_sector", "general_management"), ("", "public_policy")),
        "titles_fr": (
            "Sous-directrice, ministère de la Transition écologique",
            "Conseiller technique en cabinet ministériel",
            "Chef de bureau, Direction du Trésor",
            "Administrateur de l'État",
            "Chargée de mission politiques publiques",
        ),
        "titles_en": (
            "Policy Adviser, Ministry of Finance",
            "Head of Unit, European Commission",
            "Senior Policy Officer",
        ),
        "employers": (
            ("Ministère de l'Économie", "Paris", "FR"),
            ("Direction générale du Trésor", "Paris", "FR"),
            ("Commission européenne", "Bruxelles", "BE"),
            ("France Stratégie", "Paris", "FR"),
            ("OCDE", "Paris", "FR"),
        ),
        "does_fr": (
            "Écriture de textes réglementaires, arbitrages interministériels, préparation du PLF.",
            "J'ai rejoint l'État après 10 ans dans le privé : les concours et les contrats existent.",
            "Évaluation des politiques publiques, relations avec le Parlement.",
        ),
        "does_en": (
            "Drafting regulation, inter-ministerial negotiation, budget preparation.",
            "Joined government after a decade in the private sector.",
            "Policy evaluation and parliamentary relations.",
        ),
        "themes": ("meaning", "career_change", "career_evolution"),
        "origins": ("consulting", "law"),
    },
    "ngo": {
        "form": ("nonprofit", "general_management"),
        "wrong_form": (("nonprofit", "project_management"), ("", "")),
        "titles_fr": (
            "Directrice des programmes, ONG humanitaire",
            "Chef de mission",
            "Responsable plaidoyer",
            "Directeur général d'une association",
        ),
        "titles_en": ("Country Director, humanitarian NGO", "Head of Programmes", "Advocacy Lead"),
        "employers": (
            ("Action contre la Faim", "Paris", "FR"),
            ("Médecins du Monde", "Paris", "FR"),
            ("Solidarités International", "Lyon", "FR"),
            ("Oxfam GB", "London", "GB"),
            ("Emmaüs Connect", "Paris", "FR"),
        ),
        "does_fr": (
            "Gestion de programmes d'urgence et de développement, bailleurs institutionnels.",
            "J'ai quitté la finance pour l'humanitaire à 35 ans, sans regret.",
            "Levée de fonds privés, mécénat, gouvernance associative.",
        ),
        "does_en": (
            "Running emergency and development programmes funded by institutional donors.",
            "Left a corporate career for the humanitarian sector; ask me anything.",
            "Fundraising, partnerships and NGO governance.",
        ),
        "themes": ("meaning", "career_change", "international"),
        "origins": ("consulting", "audit", "pe"),
    },
    "pharma_rd": {
        "form": ("pharma", "rnd"),
        "wrong_form": (("pharma", "engineering"), ("research", "rnd"), ("", "rnd")),
        "titles_fr": (
            "Cheffe de projet R&D, biotech",
            "Directeur scientifique",
            "Responsable pharmacologie",
            "Chercheuse en oncologie, industrie",
        ),
        "titles_en": ("Principal Scientist", "Head of Discovery Biology", "Translational Lead"),
        "employers": (
            ("Sanofia", "Paris", "FR"),
            ("Servier", "Paris", "FR"),
            ("Innate Pharma", "Marseille", "FR"),
            ("Genfit", "Lille", "FR"),
            ("Novartis", "Basel", "CH"),
            ("Ipsen", "Paris", "FR"),
        ),
        "does_fr": (
            "Découverte de candidats-médicaments, essais précliniques, passage en phase I.",
            "Post-doc puis industrie : je connais bien le saut de l'académique au privé.",
            "Gestion de portefeuille de projets, collaboration avec les CRO.",
        ),
        "does_en": (
            "Drug discovery, preclinical studies and moving candidates into phase I.",
            "Left academia after my postdoc to join a biotech; I can explain the switch.",
            "Project portfolio management and working with CROs.",
        ),
        "themes": ("research_to_industry", "career_evolution", "job_search"),
        "origins": ("academia",),
    },
    "academia": {
        "form": ("research", "rnd"),
        "wrong_form": (("research", "teaching"), ("", "rnd")),
        "titles_fr": (
            "Maître de conférences",
            "Chargé de recherche CNRS",
            "Post-doctorante",
            "Professeur des universités",
        ),
        "titles_en": ("Associate Professor", "Research Fellow", "Postdoctoral researcher"),
        "employers": (
            ("CNRS", "Paris", "FR"),
            ("Université Paris-Saclay", "Orsay", "FR"),
            ("Inria", "Grenoble", "FR"),
            ("ETH Zürich", "Zurich", "CH"),
        ),
        "does_fr": (
            "Recherche fondamentale, encadrement de doctorants, enseignement en master.",
            "Publications, appels à projets ANR, ERC.",
        ),
        "does_en": (
            "Fundamental research, PhD supervision and master's teaching.",
            "Grant writing (ERC), publications and conferences.",
        ),
        "themes": ("research_to_industry", "work_life"),
        "origins": (),
    },
    "luxury_marketing": {
        "form": ("luxury", "marketing"),
        "wrong_form": (("retail", "marketing"), ("luxury", "sales"), ("", "marketing")),
        "titles_fr": (
            "Directrice marketing, maison de luxe",
            "Chef de produit maroquinerie",
            "Responsable CRM clientèle, joaillerie",
            "Brand manager parfums",
        ),
        "titles_en": ("Brand Director, luxury fashion", "Marketing Manager, fine jewellery"),
        "employers": (
            ("Maison Valcourt", "Paris", "FR"),
            ("Herbelin Paris", "Paris", "FR"),
            ("Sélène Parfums", "Paris", "FR"),
            ("Ravelle Milano", "Milan", "IT"),
        ),
        "does_fr": (
            "Lancements de collections, image de marque, clienteling et expérience boutique.",
            "Merchandising, études consommateurs, collaboration avec les directions artistiques.",
        ),
        "does_en": (
            "Collection launches, brand image, clienteling and retail experience.",
            "Consumer insight, merchandising, working with creative directors.",
        ),
        "themes": ("career_change", "career_evolution"),
        "origins": ("consulting", "product"),
    },
    "aero": {
        "form": ("aerospace", "engineering"),
        "wrong_form": (("aerospace", "rnd"), ("defence", "engineering"), ("", "engineering")),
        "titles_fr": (
            "Ingénieure systèmes, lanceurs",
            "Responsable essais en vol",
            "Ingénieur propulsion",
            "Chef de programme satellites",
        ),
        "titles_en": ("Flight Test Engineer", "Propulsion Engineer", "Satellite Programme Manager"),
        "employers": (
            ("Airbus", "Toulouse", "FR"),
            ("Safran Aircraft Engines", "Paris", "FR"),
            ("Thales Alenia Space", "Toulouse", "FR"),
            ("ArianeGroup", "Bordeaux", "FR"),
        ),
        "does_fr": (
            "Conception et qualification de sous-systèmes, certification EASA.",
            "Campagnes d'essais, intégration satellite, revues de programme.",
        ),
        "does_en": (
            "Design and qualification of subsystems, EASA certification.",
            "Test campaigns, spacecraft integration and programme reviews.",
        ),
        "themes": ("career_evolution", "first_job"),
        "origins": ("academia",),
    },
    "law": {
        "form": ("", "legal"),
        "wrong_form": (("consulting", "legal"), ("banking", "legal")),
        "titles_fr": (
            "Avocate associée, droit des sociétés",
            "Avocat collaborateur senior, M&A",
            "Juriste corporate",
            "Directeur juridique",
        ),
        "titles_en": ("Corporate lawyer, partner", "Senior associate, M&A law", "General Counsel"),
        "employers": (
            ("Gide Loyrette", "Paris", "FR"),
            ("Bredin Prat", "Paris", "FR"),
            ("Clifford Lane LLP", "London", "GB"),
            ("Darrois Villey", "Paris", "FR"),
        ),
        "does_fr": (
            "Opérations de fusions-acquisitions, pactes d'actionnaires, gouvernance.",
            "Barreau de Paris, LL.M. à Columbia ; j'aide sur les choix de cabinet.",
        ),
        "does_en": (
            "Public and private M&A, shareholder agreements, corporate governance.",
            "Called to the Paris bar, LL.M. from NYU; happy to talk law firm careers.",
        ),
        "themes": ("career_evolution", "first_job", "board"),
        "origins": (),
    },
    "supply_chain": {
        "form": ("industry", "supply_chain"),
        "wrong_form": (("transport", "supply_chain"), ("industry", "operations")),
        "titles_fr": (
            "Directeur supply chain",
            "Responsable achats et approvisionnements",
            "Demand planner senior",
            "Responsable logistique Europe",
        ),
        "titles_en": ("Supply Chain Director", "Head of Procurement", "S&OP Manager"),
        "employers": (
            ("Groupe Seb", "Lyon", "FR"),
            ("Michelin", "Clermont-Ferrand", "FR"),
            ("Legrand", "Limoges", "FR"),
            ("Danone", "Paris", "FR"),
        ),
        "does_fr": (
            "S&OP, prévisions de la demande, gestion des stocks et des fournisseurs.",
            "Plans de résilience après les ruptures de 2021, sourcing multi-pays.",
        ),
        "does_en": (
            "S&OP, demand planning, inventory and supplier management.",
            "Resilience plans after the 2021 shortages; multi-country sourcing.",
        ),
        "themes": ("career_evolution", "leadership"),
        "origins": ("consulting",),
    },
    "oilgas": {
        "form": ("energy", "engineering"),
        "wrong_form": (("energy", "operations"), ("", "engineering")),
        "titles_fr": ("Ingénieur réservoir", "Responsable forage", "Directeur d'exploitation"),
        "titles_en": ("Reservoir Engineer", "Drilling Superintendent", "Asset Manager, upstream"),
        "employers": (
            ("Norvane Energy", "Paris", "FR"),
            ("Totalis", "Pau", "FR"),
            ("Perenco", "London", "GB"),
        ),
        "does_fr": (
            "Exploration-production, modélisation de réservoirs, plateformes offshore.",
            "Missions à l'étranger : Angola, mer du Nord, Golfe.",
        ),
        "does_en": (
            "Upstream oil and gas, reservoir modelling, offshore platforms.",
            "Postings abroad: Angola, North Sea, Gulf.",
        ),
        "themes": ("international", "career_evolution"),
        "origins": (),
    },
}
