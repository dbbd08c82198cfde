"""Scrape the offered courses of a TUM curriculum with parallel browser sessions.

Reproduction of the shape fixed in https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14
(commit d87f5ca491ff4e30022b6a69887362d392e22e84, "fix: invalid initializer to pickle"): main()
starts `Pool(args.parallel_drivers, initializer=lambda: prepare_driver(curriculum))` (from
multiprocessing), each worker process preparing its own Firefox driver in the module global
`driver`; a lambda defined in main() cannot be pickled, so under the spawn start method (macOS,
Windows) the pool fails with "Can't pickle local object 'main.<locals>.<lambda>'". The fix passed
initializer=prepare_driver, initargs=(curriculum,).
"""
import argparse
import time
from typing import List, Tuple

import tqdm
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.firefox.service import Service
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait
from webdriver_manager.firefox import GeckoDriverManager

from curriculums import Curriculum, curriculums
from multiprocessing import Pool

gecko_driver_path = GeckoDriverManager().install()

driver = None


def wait_until_not_loading(driver):
    WebDriverWait(driver, 60).until(expected_conditions.invisibility_of_element_located((By.ID, "loading")))


def prepare_driver(curriculum: Curriculum):
    global driver
    options = webdriver.FirefoxOptions()
    options.add_argument("--headless")
    driver = webdriver.Firefox(service=Service(gecko_driver_path), options=options)
    driver.set_script_timeout(20)


def get_page1_url_and_num_pages(curriculum: Curriculum) -> Tuple[str, int]:
    driver.get(f"https://campus.tum.de/tumonline/wbstpcs.showSpoTree?pStpStpNr={curriculum.curriculum_ids[0]}")
    wait_until_not_loading(driver)
    num_pages = int(driver.find_element(By.CLASS_NAME, "coTableNaviPageSelect").text.split("\n")[-1].removeprefix("of "))
    return driver.current_url, num_pages


def fetch_curriculum_course_infos(page_and_url: Tuple[int, str]) -> List[str]:
    page, url = page_and_url
    driver.get(f"{url}&pPageNr={page}")
    wait_until_not_loading(driver)
    return [element.text for element in driver.find_elements(By.XPATH, "//a[contains(@class, 'KnotenLink')]")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--curriculum", required=True, default="master-informatics", type=str)
    parser.add_argument("--parallel_drivers", default=1, type=int)
    args = parser.parse_args()
    curriculum = curriculums[args.curriculum]

    try:
        thread_pool = Pool(args.parallel_drivers, initializer=lambda: prepare_driver(curriculum))  # bug
        time.sleep(4)
        [(page1_url, num_pages)] = thread_pool.map(get_page1_url_and_num_pages, [curriculum])
        results = tqdm.tqdm(
            thread_pool.imap(fetch_curriculum_course_infos, list(zip(range(1, num_pages + 1), [page1_url] * num_pages))),
            desc="Pages",
        )
        courses = [course for page_courses in results for course in page_courses]
    finally:
        thread_pool.close()

    print("\n".join(courses))


if __name__ == "__main__":
    main()
