"""What the dock's tree shows, as plain Python: the snapshot the controller filters.

No Qt and no QGIS, so the dock's controller can be driven by a unit test with a snapshot built by
hand. ``project_tree.TreeData`` reads the same structure from the layers (edit buffers included).
"""


class ProjectInfo:
    __slots__ = ("fid", "uuid", "title", "programma", "comune", "ambiti", "scala", "stato",
                 "lavori", "azioni", "criticita", "attori", "fasi", "misure")

    def __init__(self, fid, uuid, title, programma, comune, ambiti, scala, stato):
        self.fid, self.uuid, self.title, self.programma = fid, uuid, title, programma
        self.comune, self.ambiti, self.scala, self.stato = comune, ambiti, scala, stato
        self.lavori, self.azioni, self.criticita = [], [], []  # (fid, uuid, title, comune)
        self.attori, self.fasi, self.misure = [], [], []  # (fid, uuid, text shown, "")


class TreeSnapshot:
    """Programmes, projects (with their children) and comuni of one file."""

    def __init__(self):
        self.programmes = {}  # uuid -> (fid, title)
        self.projects = {}  # uuid -> ProjectInfo (insertion order = title order)
        self.comuni = {}  # istat -> (nome, zona_omogenea)
        self.unlinked = {"lavori": [], "azioni": [], "criticita": []}  # children of no known project
        self.counts = {}
        self.parent_of = {}  # uuid of a lavoro / azione / criticità -> its project's uuid ("" if none)

    def comuni_of(self, project):
        """Every comune a project touches: its own and its lavori's (and criticità's)."""
        found = {project.comune} if project.comune else set()
        for entries in (project.lavori, project.criticita):
            for entry in entries:
                if entry[3]:
                    found.add(entry[3])
        return found

    def lavori_fids(self, project_uuids):
        fids = []
        for uuid in project_uuids:
            project = self.projects.get(uuid)
            if project is not None:
                fids.extend(e[0] for e in project.lavori)
        return fids

    def projects_of_programme(self, programme_uuid):
        return [p for p in self.projects.values() if p.programma == programme_uuid]
