import pytest

from tools.postgres import Cluster


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server in a temp folder, for the whole session."""
    cluster = Cluster().start()
    yield cluster
    cluster.stop()
