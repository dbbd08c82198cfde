from google.cloud import firestore

db = firestore.Client()
